import DXACommandLine

DXA.runAsProcess(Array(CommandLine.arguments.dropFirst()))
