/* Draws the dashboard's charts with the vendored Chart.js from the data in #insights-charts. */
(function () {
  "use strict";
  var source = document.getElementById("insights-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "vi";
  var pct = function (v) { return v === null ? data.labels.no_data : v.toLocaleString(lang, { maximumFractionDigits: 2 }) + " %"; };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;

  function rankingChart() {
    var canvas = document.getElementById("ranking-chart");
    if (!canvas) { return; }
    var r = data.ranking;
    canvas.parentElement.style.blockSize = r.height + "rem";  // set here, not in a style attribute the CSP refuses
    var datasets = [{ label: r.title, data: r.values, backgroundColor: r.colours }];
    if (r.target !== null) {
      datasets.push({ type: "line", label: data.labels.target, data: r.labels.map(function () { return r.target; }),
        borderColor: "#1c2430", borderDash: [6, 4], pointRadius: 0, borderWidth: 2 });
    }
    new Chart(canvas, {
      type: "bar", data: { labels: r.labels, datasets: datasets },
      options: { indexAxis: "y", responsive: true, animation: false,
        plugins: { legend: { display: r.target !== null }, tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.raw); } } } },
        scales: { x: { beginAtZero: true, ticks: { callback: function (v) { return v + " %"; } } },
                  y: { ticks: { autoSkip: false, font: { size: 11 } } } } }
    });
  }

  function seriesChart() {
    var canvas = document.getElementById("series-chart");
    var select = document.getElementById("series-kpi");
    if (!canvas) { return; }
    var s = data.series;
    var chart = null;
    function draw(code) {
      var kpi = s.kpis.find(function (k) { return k.code === code; }) || s.kpis[0];
      if (!kpi) { return; }
      var datasets = [{ label: kpi.name, data: kpi.values, borderColor: "#0b5cab", backgroundColor: "#0b5cab", spanGaps: false, tension: 0.2 }];
      if (kpi.target !== null) {
        datasets.push({ label: data.labels.target, data: s.periods.map(function () { return kpi.target; }),
          borderColor: "#b3261e", borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
      }
      if (chart) { chart.destroy(); }
      chart = new Chart(canvas, { type: "line", data: { labels: s.periods, datasets: datasets },
        options: { responsive: true, animation: false, plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.raw); } } } },
          scales: { y: { ticks: { callback: function (v) { return v + " %"; } } }, x: { ticks: { maxRotation: 60, autoSkip: true } } } } });
    }
    draw(s.selected);
    if (select) { select.addEventListener("change", function () { draw(select.value); }); }
  }

  rankingChart();
  seriesChart();
})();
