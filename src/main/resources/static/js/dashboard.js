// The performance dashboard: tiles, the Henan map (ECharts, county shapes), weekly trend,
// fraud types and the ranking, refreshed every 10 seconds from /api/v1/performance/dashboard.
document.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('dashboard');
  if (!root || typeof echarts === 'undefined') { return; }
  var labels = JSON.parse(document.getElementById('labels').textContent);
  var unit = root.dataset.unit;
  var select = document.getElementById('map-indicator');
  var map = echarts.init(document.getElementById('map'));
  var trend = echarts.init(document.getElementById('trend'));
  var types = echarts.init(document.getElementById('types'));
  var base = (document.querySelector('link[rel=stylesheet]').getAttribute('href') || '/css/').replace(/css\/.*$/, '');
  var mapReady = false;

  function fmt(v) {
    if (v === null || v === undefined) { return '—'; }
    var n = Number(v);
    return Math.abs(n) >= 1000 ? n.toLocaleString() : String(v);
  }

  function tiles(data) {
    var box = document.getElementById('tiles');
    box.textContent = '';
    ['today', 'week', 'year'].forEach(function (period) {
      var group = document.createElement('div');
      group.className = 'tile-group';
      var h = document.createElement('h3');
      h.textContent = labels[period];
      group.appendChild(h);
      data.tiles.filter(function (t) { return t.period === period; }).forEach(function (t) {
        var tile = document.createElement('div');
        tile.className = 'tile';
        tile.dataset.indicator = t.indicator;
        tile.dataset.period = t.period;
        var name = document.createElement('span');
        name.className = 'name';
        name.textContent = labels[t.indicator] || t.indicator;
        var value = document.createElement('strong');
        value.textContent = fmt(t.value);
        var change = document.createElement('span');
        change.className = 'change';
        if (t.yearChangePercent !== null && t.yearChangePercent !== undefined) {
          change.textContent = labels.yoy + ' ' + (t.yearChangePercent > 0 ? '+' : '') + t.yearChangePercent + '%';
        }
        tile.appendChild(name);
        tile.appendChild(value);
        tile.appendChild(change);
        group.appendChild(tile);
      });
      box.appendChild(group);
    });
  }

  function drawMap(data) {
    if (!mapReady) { return; }
    var values = data.map.filter(function (r) { return r.value !== null; }).map(function (r) { return Number(r.value); });
    var max = values.length ? Math.max.apply(null, values) : 1;
    map.setOption({
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return p.data ? p.data.unitName + '<br>' + (labels[data.mapIndicator] || '') + ': ' + fmt(p.data.value) : p.name; }
      },
      visualMap: { min: 0, max: max || 1, left: 8, bottom: 8, calculable: true, inRange: { color: ['#fdf2f0', '#c0392b'] } },
      series: [{
        type: 'map', map: 'henan', nameProperty: 'code', roam: false, selectedMode: false,
        emphasis: { label: { show: false } },
        data: data.map.map(function (r) { return { name: r.code, value: r.value === null ? null : Number(r.value), unit: r.unitCode, unitName: r.unitName }; })
      }]
    }, true);
  }

  function drawTrend(data) {
    var kinds = Object.keys(data.weeks.length ? data.weeks[0].values : {});
    trend.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: kinds.map(function (k) { return labels[k] || k; }) },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.weeks.map(function (w) { return w.week; }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: kinds.map(function (k) {
        return { name: labels[k] || k, type: 'line', data: data.weeks.map(function (w) { return Number(w.values[k]); }) };
      })
    }, true);
  }

  function drawTypes(data) {
    var received = data.fraudTypes.WARNING_RECEIVED || {};
    var filed = data.fraudTypes.CASE_FILED || {};
    var names = Array.from(new Set(Object.keys(received).concat(Object.keys(filed))));
    types.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [labels.WARNING_RECEIVED, labels.CASE_FILED] },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names.map(function (n) { return labels[n] || n; }), inverse: true },
      series: [
        { name: labels.WARNING_RECEIVED, type: 'bar', data: names.map(function (n) { return Number(received[n] || 0); }) },
        { name: labels.CASE_FILED, type: 'bar', data: names.map(function (n) { return Number(filed[n] || 0); }) }
      ]
    }, true);
  }

  function drawRanking(data) {
    var body = document.querySelector('#ranking-table tbody');
    body.textContent = '';
    if (!data.ranking) { return; }
    // the ranking names its period, and links to the ranking page of the same period
    var period = document.getElementById('ranking-period');
    if (period && data.ranking.period) {
      period.textContent = '(' + data.ranking.period + ')';
      var link = document.getElementById('ranking-link');
      if (link) { link.href = link.href.split('?')[0] + '?period=' + encodeURIComponent(data.ranking.period); }
    }
    data.ranking.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.lagging) { tr.className = 'lagging'; }
      [r.rank, r.name, r.score, r.rankChange === null ? '—' : (r.rankChange > 0 ? '↑' + r.rankChange : r.rankChange < 0 ? '↓' + (-r.rankChange) : '—')]
        .forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      body.appendChild(tr);
    });
  }

  function load() {
    var url = base + 'performance/dashboard.json?unit=' + encodeURIComponent(unit) + '&indicator=' + encodeURIComponent(select.value);
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        tiles(data);
        drawMap(data);
        drawTrend(data);
        drawTypes(data);
        drawRanking(data);
        root.dataset.loaded = String(Date.now());
      })
      .catch(function () { /* the next poll tries again */ });
  }

  fetch(base + 'map/henan-counties.json').then(function (r) { return r.json(); }).then(function (geo) {
    if (root.dataset.level !== 'PROVINCE') {
      var prefix = unit.length >= 6 ? unit.substring(0, 6) : unit;
      geo = { type: 'FeatureCollection', features: geo.features.filter(function (f) { return f.properties.code.indexOf(prefix) === 0; }) };
    }
    echarts.registerMap('henan', geo);
    mapReady = true;
    load();
  });
  map.on('click', function (p) {
    if (p.data && p.data.unit && root.dataset.level === 'PROVINCE') {
      window.location.href = base + 'performance?unit=' + encodeURIComponent(p.data.unit);
    }
  });
  select.addEventListener('change', load);
  setInterval(load, 10000);
  window.addEventListener('resize', function () { map.resize(); trend.resize(); types.resize(); });
});
