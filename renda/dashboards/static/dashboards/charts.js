// Charts of the dashboard and the big screen. Data comes from a json_script block (no inline JS, CSP).
// Each chart spec: {type: "bar"|"pie"|"line", labels: [...], series: [{name, data}]}.
(function () {
  function option(spec, big) {
    const font = big ? 22 : 12;
    const text = { color: big ? "#e8eef7" : "#1d273b", fontSize: font };
    if (spec.type === "pie") {
      return {
        textStyle: text,
        tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
        legend: { show: !big && spec.labels.length <= 6, bottom: 0, textStyle: text },
        series: [{ type: "pie", radius: big ? ["30%", "55%"] : ["35%", "62%"], top: big || spec.labels.length > 6 ? 0 : -20,
          data: spec.labels.map((l, i) => ({ name: l, value: spec.series[0].data[i] })),
          label: { formatter: "{b}\n{c}", fontSize: font, color: text.color } }],
      };
    }
    const horizontal = spec.type === "bar";
    const cat = { type: "category", data: spec.labels, axisLabel: { fontSize: font, color: text.color } };
    const val = { type: "value", minInterval: 1, axisLabel: { fontSize: font, color: text.color } };
    return {
      textStyle: text,
      grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: spec.series.map((s) => ({
        name: s.name, type: spec.type, data: s.data, smooth: spec.type === "line",
        label: { show: true, position: horizontal ? "right" : "top", fontSize: font, color: text.color },
        itemStyle: { color: big ? "#4dabf7" : "#2d6a9f" }, areaStyle: spec.type === "line" ? { opacity: 0.15 } : undefined,
      })),
    };
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
    const source = document.getElementById("dash-charts");
    if (!source || !window.echarts) return;
    const data = JSON.parse(source.textContent);
    const big = document.body.classList.contains("big-screen");
    const charts = [];
    document.querySelectorAll(".dash-chart").forEach((el) => {
      const spec = data[el.dataset.chart];
      if (!spec) return;
      const chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(Object.assign({ animation: !window.matchMedia("print").matches }, option(spec, big)));
      charts.push(chart);
    });
    window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
    window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
    // Big screen: reload itself every data-refresh seconds (the figures come from the cache).
    const every = parseInt(document.body.dataset.refresh || "0", 10);
    if (every > 0) setTimeout(() => window.location.reload(), every * 1000);
  });
})();
