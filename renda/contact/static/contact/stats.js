// Charts of the monthly statistics page; data comes from the json_script block (no inline scripts, CSP).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("contact-stats");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const draw = (id, option) => {
    const el = document.getElementById(id);
    if (!el) return;
    const chart = window.echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  };
  draw("chart-category", {
    tooltip: { trigger: "item" },
    series: [{ type: "pie", radius: ["35%", "65%"], data: data.category, label: { formatter: "{b} {c}" } }],
  });
  draw("chart-status", {
    tooltip: {}, grid: { left: 90, right: 20, top: 10, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: data.status.labels },
    series: [{ type: "bar", data: data.status.values }],
  });
  draw("chart-place", {
    tooltip: {}, grid: { left: 150, right: 20, top: 10, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: data.place.labels },
    series: [{ type: "bar", data: data.place.values }],
  });
  draw("chart-heat", {
    tooltip: { position: "top" }, grid: { left: 80, right: 20, top: 10, bottom: 70 },
    xAxis: { type: "category", data: data.heat.months, splitArea: { show: true } },
    yAxis: { type: "category", data: data.heat.towns, splitArea: { show: true } },
    visualMap: { min: 0, max: data.heat.max, calculable: true, orient: "horizontal", left: "center", bottom: 0 },
    series: [{ type: "heatmap", data: data.heat.cells, label: { show: false } }],
  });
});
