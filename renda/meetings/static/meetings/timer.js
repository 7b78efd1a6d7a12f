// The big screen's countdown: counts down from data-left seconds; the last 5 seconds turn red
// (OpenSlides users' request #144). htmx replaces the element every few seconds with a fresh value.
(function () {
  function tick() {
    document.querySelectorAll("[data-mt-left]").forEach(function (el) {
      var left = parseInt(el.getAttribute("data-mt-left"), 10);
      if (isNaN(left)) return;
      left = Math.max(0, left - 1);
      el.setAttribute("data-mt-left", String(left));
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
      el.classList.toggle("mt-last", left <= 5);
    });
  }
  setInterval(tick, 1000);
})();
