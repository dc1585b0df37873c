// The network of a case cluster (ECharts graph): cases and the identifiers they share.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('network');
  if (!el || typeof echarts === 'undefined') { return; }
  fetch(el.dataset.src, { headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var categories = [];
      g.nodes.forEach(function (n) { if (categories.indexOf(n.category) < 0) { categories.push(n.category); } });
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {},
        legend: [{ data: categories }],
        series: [{
          type: 'graph', layout: 'force', roam: true, draggable: true,
          force: { repulsion: 120, edgeLength: 60 },
          label: { show: true, position: 'right', fontSize: 10 },
          categories: categories.map(function (c) { return { name: c }; }),
          data: g.nodes.map(function (n) {
            return { id: n.id, name: n.name + (n.unit ? ' (' + n.unit + ')' : ''), category: categories.indexOf(n.category),
                     symbolSize: n.category === 'CASE' ? 18 : 10, value: n.value };
          }),
          links: g.links.map(function (l) { return { source: l.source, target: l.target }; })
        }]
      });
      el.dataset.drawn = 'yes';
      window.addEventListener('resize', function () { chart.resize(); });
    });
});
