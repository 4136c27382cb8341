#!/usr/bin/env python3
"""Validate FHIR R4 Bundle JSON files with the fhir.resources R4 models.

Usage: validate_fhir.py BUNDLE.json [BUNDLE.json ...]

Exits 0 when every file is a valid R4 Bundle, 1 with the validator's message on stderr otherwise, 2 on bad usage
or a validator of the wrong FHIR version.

fhir.resources (pydantic models generated from the R4 StructureDefinitions) checks resource and element names,
data types, cardinality, required elements and primitive formats (dates, instants, codes, ids, decimals). It does not
check value-set bindings, base64 content, references or the Bundle invariants; the few checks below add that for what
DXA writes: the required bindings of the elements DXA uses (FHIR R4 value sets), base64 attachments, unique fullUrls,
references that resolve inside the bundle, and entry requests as bdl-3 wants them (mandatory in a transaction,
prohibited in a collection), with an http-verb method, a url, and ifNoneExist only on a POST.
"""
import base64
import binascii
import json
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

FHIR_VERSION = "4.0.1"

# Required bindings (FHIR R4 4.0.1) of the coded elements DXA writes: resource type -> element -> allowed codes.
REQUIRED_BINDINGS = {
    "Bundle": {
        "type": {"document", "message", "transaction", "transaction-response", "batch", "batch-response",
                 "history", "searchset", "collection"},
    },
    "Observation": {
        "status": {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                   "entered-in-error", "unknown"},
    },
    "DiagnosticReport": {
        "status": {"registered", "partial", "preliminary", "final", "amended", "corrected", "appended",
                   "cancelled", "entered-in-error", "unknown"},
    },
    "Patient": {"gender": {"male", "female", "other", "unknown"}},
}
# Bundle.entry.request.method (http-verb, required binding).
HTTP_VERBS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}
# bdl-3: entry.request mandatory for these bundle types, prohibited for the others.
REQUEST_TYPES = {"batch", "transaction", "history"}
DEVICE_NAME_TYPES = {"udi-label-name", "user-friendly-name", "patient-reported-name", "manufacturer-name",
                     "model-name", "other"}
QUANTITY_COMPARATORS = {"<", "<=", ">=", ">"}


def supplementary_errors(bundle):
    """What the pydantic models leave out, for the elements DXA writes."""
    errors = []

    def check_binding(resource, path):
        for element, allowed in REQUIRED_BINDINGS.get(resource.get("resourceType"), {}).items():
            if element in resource and resource[element] not in allowed:
                errors.append(f"{path}.{element}: '{resource[element]}' is not in the required value set")

    check_binding(bundle, "Bundle")
    needs_request = bundle.get("type") in REQUEST_TYPES
    full_urls = set()
    references = []
    for index, entry in enumerate(bundle.get("entry", [])):
        path = f"Bundle.entry[{index}]"
        full_url = entry.get("fullUrl")
        if full_url is not None:
            if full_url in full_urls:
                errors.append(f"{path}.fullUrl: '{full_url}' appears twice (bdl-7)")
            full_urls.add(full_url)
        request = entry.get("request")
        if needs_request and request is None:
            errors.append(f"{path}.request: missing; a {bundle.get('type')} entry needs a request (bdl-3)")
        if not needs_request and request is not None:
            errors.append(f"{path}.request: not allowed in a {bundle.get('type')} bundle (bdl-3)")
        if request is not None:
            if request.get("method") not in HTTP_VERBS:
                errors.append(f"{path}.request.method: '{request.get('method')}' is not in the required value set")
            if not request.get("url"):
                errors.append(f"{path}.request.url: missing")
            if "ifNoneExist" in request and request.get("method") != "POST":
                errors.append(f"{path}.request.ifNoneExist: only a POST creates conditionally")
        resource = entry.get("resource", {})
        resource_path = f"{path}.resource({resource.get('resourceType')})"
        check_binding(resource, resource_path)
        for name_index, name in enumerate(resource.get("deviceName", [])):
            if name.get("type") not in DEVICE_NAME_TYPES:
                errors.append(f"{resource_path}.deviceName[{name_index}].type: '{name.get('type')}' is not a "
                              "device-nametype code")
        for form_index, form in enumerate(resource.get("presentedForm", [])):
            try:
                base64.b64decode(form.get("data", ""), validate=True)
            except (binascii.Error, ValueError) as error:
                errors.append(f"{resource_path}.presentedForm[{form_index}].data: not base64 ({error})")
        quantities = [(f"{resource_path}.valueQuantity", resource.get("valueQuantity"))]
        quantities += [(f"{resource_path}.component[{i}].valueQuantity", component.get("valueQuantity"))
                       for i, component in enumerate(resource.get("component", []))]
        for quantity_path, quantity in quantities:
            if quantity is not None and quantity.get("comparator", "<") not in QUANTITY_COMPARATORS:
                errors.append(f"{quantity_path}.comparator: not a quantity-comparator code")
            if quantity is not None and "code" in quantity and "system" not in quantity:
                errors.append(f"{quantity_path}: a code needs a system (qty-3)")
        collect_references(resource, resource_path, references)
    for path, reference in references:
        if reference.startswith("urn:uuid:") and reference not in full_urls:
            errors.append(f"{path}: '{reference}' does not resolve inside the bundle")
    return errors


def collect_references(value, path, found):
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "reference" and isinstance(child, str):
                found.append((f"{path}.reference", child))
            else:
                collect_references(child, f"{path}.{key}", found)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            collect_references(child, f"{path}[{index}]", found)


def validate(file_name):
    """Returns a list of problems with one file; empty when it is a valid R4 Bundle."""
    try:
        with open(file_name, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        return [f"cannot read JSON: {error}"]
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        return ["resourceType: expected a Bundle"]
    try:
        Bundle.parse_obj(document)
    except Exception as error:  # pydantic.ValidationError and the library's own lookup errors
        return [f"fhir.resources: {error}"]
    return supplementary_errors(document)


def main(arguments):
    if len(arguments) < 1:
        print("usage: validate_fhir.py BUNDLE.json [BUNDLE.json ...]", file=sys.stderr)
        return 2
    if fhir.resources.__fhir_version__ != FHIR_VERSION:
        print(f"validator models FHIR {fhir.resources.__fhir_version__}, not R4 {FHIR_VERSION}: install "
              "Tests/FHIRValidation/requirements.txt", file=sys.stderr)
        return 2
    failed = False
    for file_name in arguments:
        problems = validate(file_name)
        if problems:
            failed = True
            print(f"{file_name}: invalid FHIR R4 Bundle", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print(f"{file_name}: valid FHIR R4 Bundle (fhir.resources {fhir.resources.__version__}, "
                  f"FHIR {FHIR_VERSION})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
