// The trace of the money (资金流向) as an ECharts graph: one column per level, the money that went
// along each transfer on the arrow, accounts still holding money in red, cash-out points in orange.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('trace-graph');
  if (!el || typeof echarts === 'undefined' || !el.dataset.trace) { return; }
  var t = JSON.parse(el.dataset.trace);
  var perLevel = {};
  var data = t.nodes.map(function (n) {
    var row = perLevel[n.level] = (perLevel[n.level] || 0) + 1;
    var color = n.holdsMoney ? '#c62828' : (n.cashOut ? '#ef6c00' : '#1565c0');
    var label = n.account.length > 12 ? '…' + n.account.slice(-8) : n.account;
    return {
      id: n.account, name: label, x: n.level * 220, y: row * 56,
      symbolSize: n.level === 0 ? 22 : 14, itemStyle: { color: color },
      tooltip: { formatter: n.account + '<br>' + (n.bank || '') + '<br>' + n.received +
        (n.balance !== null && n.balance !== undefined ? '<br>余额 ' + n.balance : '') + (n.cashOut ? '<br>' + n.cashOut : '') }
    };
  });
  var links = t.edges.map(function (e) {
    return { source: e.from, target: e.to, value: e.traced,
             label: { show: true, formatter: String(e.traced), fontSize: 10 },
             tooltip: { formatter: e.from + ' → ' + e.to + '<br>' + e.traced + ' / ' + e.amount + '<br>' + e.time } };
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {},
    series: [{
      type: 'graph', layout: 'none', roam: true,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      label: { show: true, position: 'bottom', fontSize: 10 },
      lineStyle: { opacity: 0.7, width: 1.5, curveness: 0.1 },
      data: data, links: links
    }]
  });
  el.dataset.drawn = String(data.length);
  window.addEventListener('resize', function () { chart.resize(); });
  chart.on('click', function (p) {
    if (p.dataType !== 'node') { return; }
    var row = document.querySelector('#trace-table tr[data-account="' + p.data.id + '"]');
    if (row) { row.scrollIntoView({ block: 'center' }); row.classList.add('picked'); }
  });
});
