// Charts of the supervision app (ECharts, served locally). Data comes from a json_script block (CSP: no inline JS).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("sv-chart-data");
  if (source && window.echarts) {
    const data = JSON.parse(source.textContent);
    const charts = [];
    document.querySelectorAll(".sv-chart").forEach((el) => {
      const rows = data[el.dataset.key] || [];
      const kind = el.dataset.chart;
      if (kind === "budget" || (kind === "bar" && rows.length > 12)) el.style.height = `${Math.max(280, rows.length * (kind === "budget" ? 30 : 22) + 60)}px`;
      const chart = window.echarts.init(el, null, { renderer: "svg" });
      if (kind === "pie") {
        chart.setOption({
          tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" }, legend: { bottom: 0, type: "scroll" },
          series: [{ type: "pie", radius: ["30%", "58%"], top: -24, data: rows, label: { formatter: "{b}\n{c}" } }],
        });
      } else if (kind === "budget") {
        // Budget vs spent per department or item; a click drills down (data-href + the row id).
        chart.setOption({
          tooltip: { trigger: "axis" }, legend: { data: ["预算", "已执行"] },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: "value" }, yAxis: { type: "category", data: rows.map((r) => r.name).reverse() },
          series: [
            { name: "预算", type: "bar", data: rows.map((r) => r.budget).reverse(), itemStyle: { color: "#cbd5e1" } },
            { name: "已执行", type: "bar", data: rows.map((r) => r.spent).reverse(), itemStyle: { color: "#c0392b" } },
          ],
        });
        if (el.dataset.href) {
          const ids = rows.map((r) => r.id).reverse();
          chart.on("click", (p) => { if (ids[p.dataIndex]) window.location = el.dataset.href + ids[p.dataIndex]; });
        }
      } else if (kind === "months") {
        chart.setOption({
          tooltip: { trigger: "axis" }, grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: rows.map((r) => r.name) }, yAxis: { type: "value" },
          series: [{ type: "bar", data: rows.map((r) => r.value), itemStyle: { color: "#c0392b" } }],
        });
      } else {
        chart.setOption({
          tooltip: { trigger: "axis" }, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "value" }, yAxis: { type: "category", data: rows.map((r) => r.name).reverse() },
          series: [{ type: "bar", data: rows.map((r) => r.value).reverse(), itemStyle: { color: "#c0392b" }, label: { show: true, position: "right" } }],
        });
      }
      charts.push(chart);
    });
    window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  }
  // The hearing's answer timer on the big screen.
  const timer = document.querySelector("[data-ends]");
  if (timer) {
    const ends = Date.parse(timer.dataset.ends);
    const tick = () => {
      const left = Math.round((ends - Date.now()) / 1000);
      const s = Math.abs(left);
      timer.textContent = (left < 0 ? "超时 " : "") + String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
      timer.classList.toggle("sv-late", left < 0);
    };
    tick();
    setInterval(tick, 1000);
  }
  const refresh = document.querySelector("[data-refresh]");
  if (refresh) setTimeout(() => window.location.reload(), Number(refresh.dataset.refresh) * 1000);
});
