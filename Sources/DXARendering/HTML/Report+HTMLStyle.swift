extension ReportHTML {
  /// The report's only stylesheet, inline. System fonts only: nothing is fetched. Prints on A4 and Letter.
  static let stylesheet = """
    :root {
      --ink: #1f2933; --muted: #5b6470; --rule: #d5dae1; --accent: #1e3a8a; --panel: #f5f7fa;
      --amber: #92400e; --amber-bg: #fff7e6; --amber-rule: #f0b95b; --green: #166534; --green-bg: #eef8f0;
    }
    * { box-sizing: border-box; }
    html { background: #e9edf2; }
    body {
      margin: 0; color: var(--ink); font: 13px/1.45 "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans",
      "Liberation Sans", sans-serif; font-variant-numeric: tabular-nums;
    }
    .page { max-width: 900px; margin: 24px auto; padding: 32px 40px 28px; background: #fff;
      box-shadow: 0 1px 4px rgba(0, 0, 0, .15); }
    header.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 14px; }
    .masthead { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; }
    .facility { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
    h1 { font-size: 22px; margin: 2px 0 0; color: var(--accent); font-weight: 650; }
    .procedure { text-align: right; font-size: 12px; color: var(--muted); }
    .procedure strong { display: block; font-size: 15px; color: var(--ink); }
    h2 { font-size: 15px; color: var(--accent); margin: 22px 0 8px; padding-bottom: 3px;
      border-bottom: 1px solid var(--rule); text-transform: uppercase; letter-spacing: .04em; }
    h3 { font-size: 13px; margin: 14px 0 6px; }
    .ident { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px 18px; margin-top: 12px; }
    .ident section { background: var(--panel); border: 1px solid var(--rule); border-radius: 4px; padding: 8px 10px; }
    .ident section.history { grid-column: 1 / -1; }
    .ident h2 { font-size: 11px; margin: 0 0 4px; border: 0; padding: 0; color: var(--muted); }
    dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0; }
    dl.fields dt { color: var(--muted); }
    dl.fields dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
    .banner { margin: 14px 0; padding: 10px 14px; border-radius: 4px; font-weight: 650; font-size: 15px; }
    .banner.preliminary { background: var(--amber-bg); border: 2px solid var(--amber-rule); color: var(--amber); }
    .banner.preliminary span { display: block; font-weight: 400; font-size: 12px; color: var(--ink); }
    .banner.discrepancy { background: #fdecec; border: 2px solid #d98c8c; color: #9b1c1c; }
    .banner.discrepancy span { display: block; font-weight: 400; font-size: 12px; color: var(--ink); }
    .banner.signed { background: var(--green-bg); border: 1px solid #9bd1a8; color: var(--green); font-size: 13px; }
    .assessment { border: 1px solid var(--rule); border-left: 5px solid var(--accent); border-radius: 4px;
      padding: 10px 14px; background: var(--panel); }
    .assessment .diagnosis { font-size: 18px; font-weight: 650; margin: 0 0 4px; }
    .assessment .diagnosis.severe, .assessment .diagnosis.osteoporosis { color: #9b1c1c; }
    .assessment .diagnosis.low-bone-mass { color: var(--amber); }
    .assessment .diagnosis.normal { color: var(--green); }
    .assessment p { margin: 3px 0; }
    table { width: 100%; border-collapse: collapse; margin: 6px 0 4px; }
    th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
    thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted);
      border-bottom: 2px solid var(--rule); }
    thead th .unit { text-transform: none; }
    table.results td:first-child, table.changes td:first-child { white-space: nowrap; }
    table.results td:first-child .tag { display: table; margin: 2px 0 0; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    tr.non-diagnostic td { color: var(--muted); background: #fafafa; }
    tr.non-diagnostic td:first-child { font-style: italic; }
    tr.total td { font-weight: 600; border-top: 2px solid var(--rule); }
    .tag { display: inline-block; font-size: 10px; font-weight: 600; padding: 0 5px; border-radius: 3px;
      border: 1px solid currentColor; margin-left: 4px; font-style: normal; white-space: nowrap; }
    .tag.nd { color: var(--muted); }
    .tag.warn { color: var(--amber); }
    .tag.ok { color: var(--green); }
    .tag.bad { color: #9b1c1c; }
    .tag.src { color: var(--muted); font-weight: 400; margin-left: 3px; }
    .tag.src.scanner { color: #1f4e8c; font-weight: 600; }
    .cat-osteoporosis { color: #9b1c1c; font-weight: 600; }
    .cat-low-bone-mass { color: var(--amber); font-weight: 600; }
    .cat-normal { color: var(--green); font-weight: 600; }
    .cat-below-expected-range-for-age { color: #9b1c1c; font-weight: 600; }
    .note { color: var(--muted); font-size: 12px; }
    .noref { color: var(--muted); font-style: italic; }
    ul { margin: 4px 0; padding-left: 20px; }
    li { margin: 2px 0; }
    .charts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 14px; }
    figure { margin: 0; border: 1px solid var(--rule); border-radius: 4px; padding: 8px; break-inside: avoid; }
    figure h3 { margin: 0 0 4px; }
    figcaption { font-size: 11px; color: var(--muted); margin-top: 4px; }
    svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
    .billing { border: 1px dashed #9ca3af; border-radius: 4px; padding: 4px 12px 8px; margin-top: 22px; }
    table.codes td:first-child, table.codes th:first-child { width: 11em; white-space: nowrap; }
    table.codes td:nth-child(2), table.codes th:nth-child(2) { width: 45%; }
    ol.footnotes { font-size: 11.5px; color: var(--muted); margin: 4px 0; padding-left: 22px; }
    sup.fn { font-size: 9.5px; margin-left: 1px; color: var(--muted); font-style: normal; }
    .billing h2 { margin-top: 8px; }
    .billing .disclaimer { font-size: 12px; color: var(--muted); margin: 0 0 6px; }
    .physician { margin-top: 26px; border: 2px solid var(--ink); border-radius: 4px; padding: 10px 16px 14px;
      break-inside: avoid; }
    .physician h2 { margin-top: 4px; color: var(--ink); }
    .physician .impression { white-space: pre-wrap; font-size: 14px; font-family: Georgia, "DejaVu Serif", serif; }
    .physician .pending { color: var(--amber); font-style: italic; }
    .signature-lines { display: grid; grid-template-columns: 2fr 1fr; gap: 24px; margin-top: 30px; }
    .signature-lines div { border-top: 1px solid var(--ink); padding-top: 3px; font-size: 11px; color: var(--muted); }
    .signature { margin-top: 12px; font-size: 13px; }
    .signature strong { font-size: 14px; }
    footer { margin-top: 22px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 11px;
      color: var(--muted); }
    footer p { margin: 2px 0; }
    @page { size: auto; margin: 16mm 12mm 15mm; }
    @media print {
      html { background: #fff; }
      body { font-size: 9.5pt; }
      .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
      h2, h3 { break-after: avoid; }
      tr, .assessment, .physician, figure, .banner { break-inside: avoid; }
      .charts { gap: 8px; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @media (max-width: 700px) {
      .ident, .charts { grid-template-columns: 1fr; }
      .page { padding: 16px; }
    }
    """
}
