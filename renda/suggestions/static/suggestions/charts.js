// Charts of the suggestions rankings page. Data comes from a json_script block (no inline JS, CSP).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("suggestions-chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const charts = [];
  document.querySelectorAll(".suggestions-chart").forEach((el) => {
    const chart = window.echarts.init(el, null, { renderer: "svg" });
    if (el.dataset.chart === "rates") {
      const rows = (data.units || []).slice().reverse();
      chart.setOption({
        grid: { left: 8, right: 32, top: 24, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        xAxis: { type: "value", max: 100 },
        yAxis: { type: "category", data: rows.map((r) => r.unit) },
        series: [
          { name: "加权总分", type: "bar", data: rows.map((r) => r.total), itemStyle: { color: "#c0392b" } },
          { name: "满意率", type: "bar", data: rows.map((r) => r.satisfied), itemStyle: { color: "#2d6a9f" } },
        ],
      });
    } else {
      chart.setOption({
        tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], top: -20, data: data.classes || [],
                   label: { formatter: "{b}\n{c} 件" } }],
      });
    }
    charts.push(chart);
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
