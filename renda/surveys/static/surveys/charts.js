// Charts of the results pages; data from the json_script block (no inline scripts, CSP). Suppressed cells
// arrive as null and are not drawn. Two options: a pie; more: bars (Decidim #13202's default).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("survey-charts");
  if (!source || !window.echarts) return;
  const palette = ["#206bc4", "#2fb344", "#f59f00", "#d63939", "#ae3ec9", "#17a2b8"];
  JSON.parse(source.textContent).forEach((c) => {
    const el = document.getElementById("chart-" + c.id);
    if (!el) return;
    const chart = window.echarts.init(el);
    let option;
    if (c.kind === "pie") {
      option = { color: palette, tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b} {d}%" },
          data: c.labels.map((l, i) => ({ name: l, value: c.values[i] })).filter((d) => d.value !== null) }] };
    } else if (c.kind === "bar") {
      option = { color: palette, tooltip: {}, grid: { left: 110, right: 30, top: 10, bottom: 20 },
        xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: c.labels, inverse: true },
        series: [{ type: "bar", data: c.values, label: { show: true, position: "right" } }] };
    } else if (c.kind === "matrix") {
      option = { color: palette, tooltip: { trigger: "axis", valueFormatter: (v) => (v === null ? "<5" : v + "%") },
        legend: { top: 0 }, grid: { left: 150, right: 20, top: 30, bottom: 20 },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: c.rows, inverse: true },
        series: c.series.map((s) => ({ name: s.name, type: "bar", stack: "all", data: s.data })) };
    } else if (c.kind === "words") {
      option = { color: palette, tooltip: {}, grid: { left: 90, right: 30, top: 10, bottom: 20 },
        xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", inverse: true, data: c.words.map((w) => w[0]) },
        series: [{ type: "bar", data: c.words.map((w) => w[1]) }] };
    }
    if (option) { option.animation = false; chart.setOption(option); window.addEventListener("resize", () => chart.resize()); }
  });
});
