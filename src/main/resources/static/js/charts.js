// Bar charts from data attributes: data-labels and data-values, '|'-separated (ECharts).
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') { return; }
  document.querySelectorAll('[data-labels][data-values]').forEach(function (el) {
    var labels = el.dataset.labels ? el.dataset.labels.split('|') : [];
    var values = el.dataset.values ? el.dataset.values.split('|').map(Number) : [];
    if (labels.length === 0) { return; }
    var chart = echarts.init(el);
    if (el.dataset.kind === 'line') {
      chart.setOption({
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'line', data: values, areaStyle: {}, itemStyle: { color: '#c0392b' } }],
        tooltip: { trigger: 'axis' }
      });
      window.addEventListener('resize', function () { chart.resize(); });
      return;
    }
    chart.setOption({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#c0392b' }, label: { show: true, position: 'right' } }],
      tooltip: {}
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
