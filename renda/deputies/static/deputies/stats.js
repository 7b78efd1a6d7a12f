// Composition charts of the deputies registry. Data comes from the json_script block (no inline JS, CSP).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("deputy-charts");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const bars = new Set(["age", "education", "ethnicity"]);
  const charts = [];
  document.querySelectorAll(".deputy-chart").forEach((el) => {
    const key = el.dataset.chart;
    const rows = data[key] || [];
    const chart = window.echarts.init(el, null, { renderer: "svg" });
    if (bars.has(key)) {
      chart.setOption({
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis" },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: rows.map((r) => r.name).reverse() },
        series: [{ type: "bar", data: rows.map((r) => r.value).reverse(), itemStyle: { color: "#c0392b" } }],
      });
    } else {
      chart.setOption({
        tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["35%", "65%"], top: -20, data: rows, minShowLabelAngle: 10, label: { formatter: "{b}\n{d}%" } }],
      });
    }
    charts.push(chart);
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
