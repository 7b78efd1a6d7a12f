// Optional: a deployer's own approved township GeoJSON (settings DASHBOARDS_GEOJSON_URL, a local static file),
// coloured by duty records. Its 审图号 is shown in the footer (DASHBOARDS_MAP_APPROVAL). No map is shipped.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.querySelector("[data-geojson]");
  const rows = JSON.parse((document.getElementById("dash-townships") || { textContent: "[]" }).textContent);
  if (!el || !window.echarts) return;
  fetch(el.dataset.geojson, { credentials: "same-origin" }).then((r) => r.json()).then((geo) => {
    window.echarts.registerMap("townships", geo);
    const chart = window.echarts.init(el, null, { renderer: "svg" });
    const max = Math.max(1, ...rows.map((r) => r.value));
    chart.setOption({
      visualMap: { min: 0, max: max, calculable: false, textStyle: { color: "#e8eef7", fontSize: 18 }, inRange: { color: ["#1b3a63", "#5aa9ff"] } },
      series: [{ type: "map", map: "townships", label: { show: true, color: "#fff", fontSize: 18 },
        data: rows.map((r) => ({ name: r.label, value: r.value })) }],
    });
  });
});
