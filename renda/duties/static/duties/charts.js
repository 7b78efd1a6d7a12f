// Ranking charts of the duties app. Data comes from the json_script block (no inline JS, CSP).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("duties-chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const charts = [];
  document.querySelectorAll(".duties-chart").forEach((el) => {
    const chart = window.echarts.init(el, null, { renderer: "svg" });
    if (el.dataset.chart === "top") {
      const rows = (data.top || []).slice().reverse();
      chart.setOption({
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis" },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: rows.map((r) => r.name) },
        series: [{ type: "bar", data: rows.map((r) => r.value), itemStyle: { color: "#c0392b" },
                   label: { show: true, position: "right" } }],
      });
    } else {
      chart.setOption({
        tooltip: { trigger: "item", formatter: "{b}：{c} 人（{d}%）" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["30%", "55%"], top: -20, data: data.bands || [],
                   label: { formatter: "{b}\n{c} 人" } }],
      });
    }
    charts.push(chart);
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
