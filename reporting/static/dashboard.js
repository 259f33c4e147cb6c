(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('dashboard-data').textContent);
  var L = DATA.labels;
  var W = 1100, LABEL_X = 8, BAR_X = 190, BAR_W = 430, NOTE_X = 640;
  var COLORS = { computed: '#2b6cb0', stated: '#dd6b20', enrolled: '#319795',
    overseas: '#805ad5', vehicle_purchase: '#d69e2e', vehicle_operation: '#dd6b20',
    reception: '#3182ce', stated_change: '#dd6b20', document: '#2b6cb0',
    nominal: '#2b6cb0', real: '#2f855a', budget: '#90cdf4', adjusted: '#2c5282',
    actual: '#dd6b20' };

  function esc(value) {
    return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function isNum(value) { return typeof value === 'number' && isFinite(value); }
  function fmt(value, digits) {
    if (!isNum(value)) { return '—'; }
    var parts = Math.abs(value).toFixed(digits).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (value < 0 ? '−' : '') + whole + (parts.length > 1 ? '.' + parts[1] : '');
  }
  function fmtAuto(value) { return fmt(value, isNum(value) && value % 1 !== 0 ? 2 : 0); }
  function pct(value) { return isNum(value) ? signed(value, 2) + '%' : '— %'; }
  function signed(value, digits) {
    return (isNum(value) && value > 0 ? '+' : '') + fmt(value, digits);
  }
  function clip(text, n) {
    text = String(text || '');
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }
  function label(map, key) { return (L[map] && L[map][key]) || key || ''; }
  function statusMark(status) {  /* the seed ref_statuses gives each status its mark */
    var mark = label('marks', status);
    return mark && mark !== status ? ' ' + mark : '';
  }
  function niceMax(values, headroom) {
    var max = 0;
    values.forEach(function (v) { if (isNum(v) && Math.abs(v) > max) { max = Math.abs(v); } });
    max *= headroom || 1;
    if (max <= 0) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(max)));
    var steps = [1, 2, 4, 6, 8, 10];
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i] * power >= max) { return steps[i] * power; }
    }
    return 10 * power;
  }
  function text(x, y, content, cls, anchor) {
    return '<text x="' + x + '" y="' + y + '"' + (cls ? ' class="' + cls + '"' : '') +
      (anchor ? ' text-anchor="' + anchor + '"' : '') + '>' + esc(content) + '</text>';
  }
  function svg(id, height, body) {
    return '<svg viewBox="0 0 ' + W + ' ' + height + '" width="100%" role="img" ' +
      'aria-label="' + esc(id) + '"><defs><pattern id="' + id + '-hatch" width="6" ' +
      'height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.4"/></pattern>' +
      '<pattern id="' + id + '-nr" width="6" height="6" patternUnits="userSpaceOnUse" ' +
      'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#cbd5e0" stroke-width="2"/></pattern>' +
      '</defs>' + body + '</svg>';
  }
  function bar(id, x, y, width, height, color, status, title) {
    var stroke = status === 'conflicting' ? ' stroke="#c53030" stroke-width="2.5"' :
      (status === 'derived' ? ' stroke="' + color + '" stroke-dasharray="4 2"' : '');
    var out = '<g class="bar status-' + esc(status) + '"><title>' + esc(title) + '</title>' +
      '<rect x="' + x + '" y="' + y + '" width="' + Math.max(width, 1) + '" height="' +
      height + '" fill="' + color + '"' + stroke + '/>';
    if (status === 'derived') {
      out += '<rect x="' + x + '" y="' + y + '" width="' + Math.max(width, 1) +
        '" height="' + height + '" fill="url(#' + id + '-hatch)"/>';
    }
    return out + '</g>';
  }
  function axis(max, y, height, fmtTick) {
    var out = '';
    for (var i = 0; i <= 4; i += 1) {
      var x = BAR_X + BAR_W * i / 4;
      out += '<line class="grid" x1="' + x + '" x2="' + x + '" y1="' + y + '" y2="' +
        (y + height) + '"/>' + text(x, y - 6, fmtTick(max * i / 4), 'muted small', 'middle');
    }
    return out + '<line class="axis" x1="' + BAR_X + '" x2="' + BAR_X + '" y1="' + y +
      '" y2="' + (y + height) + '"/>';
  }
  function legend(items) {
    return '<div class="legend">' + items.map(function (item) {
      return '<span><span class="swatch ' + (item.cls || '') + '" style="background-color:' +
        (item.color || 'transparent') + '"></span>' + esc(item.text) + '</span>';
    }).join('') + '</div>';
  }
  function docRef(docId, line) {
    if (!docId) { return ''; }
    return docId.slice(0, 8) + (isNum(line) ? ' L' + line : '');
  }
  function table(headers, rows) {
    return '<details><summary>数据表 Data table (' + rows.length + ' rows)</summary>' +
      '<table class="data"><thead><tr>' + headers.map(function (h) {
        return '<th>' + esc(h) + '</th>';
      }).join('') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table></details>';
  }
  function cell(value, num) {
    return '<td' + (num ? ' class="num"' : '') + '>' + esc(value) + '</td>';
  }
  function provenance(section) {
    var p = section.provenance;
    var docs = p.documents.map(function (d) {
      return '<li><code>' + esc(d.prefix) + '</code> ' + esc(d.file) + ' <span class="muted">' +
        esc(d.county || '') + ' ' + esc(d.fiscal_year || '') + '</span></li>';
    }).join('');
    var statuses = Object.keys(p.statuses).sort().map(function (s) {
      return '<span class="chip status-' + esc(s) + '">' + esc(label('statuses', s)) + ' ' +
        esc(s) + ': ' + p.statuses[s] + '</span>';
    }).join('');
    return '<div class="provenance"><h4>来源文件 Provenance (' + p.documents.length +
      ' documents)</h4><ul>' + (docs || '<li class="muted">none</li>') + '</ul>' +
      '<div class="statuses">' + statuses + '</div></div>';
  }
  function empty(message) {
    return '<p class="muted">无数据 · ' + esc(message) + '</p>';
  }
  function rowLabel(r, y) {
    return text(LABEL_X, y, r.county + ' ' + r.fiscal_year, '') +
      (r.prefecture ? text(LABEL_X, y + 15, r.prefecture, 'muted small') : '');
  }

  function valueBar(id, y, value, status, color, name, reason, scale, unit, extra) {
    var tag = name + ' ' + label('statuses', status) + ' ' + (status || '');
    if (!isNum(value)) {
      return '<g class="null"><title>' + esc(reason || '') + '</title>' + text(BAR_X + 4,
        y + 12, name + ' NULL: ' + clip(reason || 'not reported', 60), 'null') + '</g>';
    }
    var width = scale(value);
    return bar(id, BAR_X, y, width, 16, color, status, tag + ' ' + fmt(value, 2) + (extra || '')) +
      text(BAR_X + width + 6, y + 12, fmt(value, 2) + ' ' + unit + statusMark(status),
        status === 'conflicting' ? 'warn' : '');
  }

  function drawPerCapita(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('mart_county_year_comparison has no rows'); }
    var values = [];
    rows.forEach(function (r) { values.push(r.computed, r.stated); });
    var max = niceMax(values, 1.3), top = 30, rowH = 62;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) { return fmt(v, 0); });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 6;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        rowLabel(r, y + 14);
      body += valueBar(id, y, r.computed, r.computed_status, COLORS.computed, '计算',
        r.computed_null_reason, scale, '元/人', ' · ' + (r.computed_basis || ''));
      body += valueBar(id, y + 22, r.stated, r.stated_status, COLORS.stated, '所述',
        r.stated_null_reason, scale, '元/人', '');
      var base = isNum(r.enrollment_persons) ?
        '分母 ' + fmt(r.enrollment_persons, 0) + ' 人 · ' + label('kinds', r.enrollment_kind) +
        ' ' + r.enrollment_kind + ' · ' + r.enrollment_year + '年' : '分母 denominator: 无 none';
      body += text(NOTE_X, y + 12, base, 'small' + (r.enrollment_year &&
        r.enrollment_year !== r.fiscal_year ? ' warn' : ''));
      if (r.enrollment_year && r.enrollment_year !== r.fiscal_year) {
        body += text(NOTE_X, y + 27, '⚠ 用 ' + r.enrollment_year + ' 年参保数 (enrollment of ' +
          r.enrollment_year + ', not ' + r.fiscal_year + ')', 'small warn');
      }
      body += text(NOTE_X, y + 42, '补助 ' + fmt(r.subsidy_yuan, 0) + ' 元 ' +
        label('statuses', r.subsidy_status) + ' · ' + clip(r.subsidy_basis || '', 34),
        'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + cell(fmt(r.computed, 2), true) +
        cell(r.computed_status) + cell(fmt(r.stated, 2), true) + cell(r.stated_status) +
        cell(fmt(r.enrollment_persons, 0), true) + cell((r.enrollment_kind || '') + ' ' +
        (r.enrollment_year || '')) + cell(r.computed_basis || r.computed_null_reason || '') +
        cell(r.stated_null_reason || '') + cell(docRef(r.computed_doc || r.stated_doc)) + '</tr>';
    });
    return legend([
      { color: COLORS.computed, text: '计算值 computed = subsidy ÷ enrollment' },
      { color: COLORS.stated, text: '文件所述 stated per-person standard' },
      { cls: 'hatch', text: 'ᵈ 推算 derived (hatched)' },
      { cls: 'conflict', text: '⚠ 冲突 conflicting' },
      { text: 'NULL: 不画为 0, 显示原因 never drawn as 0; the reason is shown' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year', '计算 computed', 'status', '所述 stated', 'status',
        '分母 denominator', 'kind · year', 'basis / NULL reason', 'stated NULL reason',
        'doc'], rowsHtml) + provenance(section);
  }

  function drawEnrollment(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('no county-years'); }
    var values = [];
    rows.forEach(function (r) {
      values.push(r.persons);
      r.alternatives.forEach(function (a) { values.push(a.persons); });
    });
    var max = niceMax(values, 1.25), top = 30, rowH = 40;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) {
      return fmt(v / 10000, 0) + '万';
    });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 8;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        text(LABEL_X, y + 13, r.county + ' ' + r.fiscal_year, '');
      var labelX = BAR_X + (isNum(r.persons) ? scale(r.persons) : 0), marks = '';
      r.alternatives.forEach(function (a) {
        var x = BAR_X + scale(a.persons);
        labelX = Math.max(labelX, x + 6);
        marks += '<g class="alt"><title>' + esc(a.label + ': ' + fmt(a.persons, 0) + ' · ' +
          docRef(a.doc_id, a.line)) + '</title><path d="M' + x + ' ' + (y + 2) + ' l6 7 l-6 7 ' +
          'l-6 -7 z" fill="#fff" stroke="#2d3748" stroke-width="1.5"/></g>';
      });
      if (isNum(r.persons)) {
        body += bar(id, BAR_X, y, scale(r.persons), 18, COLORS.enrolled, r.status,
          r.basis || '') + marks + text(labelX + 6, y + 13, fmt(r.persons, 0) + ' 人' +
          statusMark(r.status), r.status === 'conflicting' ? 'warn' : '');
      } else {
        body += marks + text(BAR_X + 4, y + 13, 'NULL: ' + clip(r.null_reason ||
          'not reported', 66), 'null');
      }
      var note = isNum(r.persons) ? label('kinds', r.kind) + ' ' + (r.kind || '') + ' · ' +
        (r.kind_year || '') + '年 · ' + label('statuses', r.status) : '';
      var alts = r.alternatives.map(function (a) {
        return '◇ ' + fmt(a.persons, 0) + ' ' + (label('kinds', a.label) || a.label);
      }).join('  ');
      body += text(NOTE_X, y + 8, note, 'small' + (r.status === 'conflicting' ? ' warn' : '')) +
        text(NOTE_X, y + 22, clip(alts, 60), 'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + cell(fmt(r.persons, 0), true) +
        cell(r.kind || '') + cell(r.status) + cell(r.basis || r.null_reason || '') +
        cell(r.alternatives.map(function (a) {
          return fmt(a.persons, 0) + ' (' + a.label + ', ' + docRef(a.doc_id, a.line) + ')';
        }).join('; ')) + cell(docRef(r.doc_id, r.line)) + '</tr>';
    });
    return legend([
      { color: COLORS.enrolled, text: '选用的居民参保数 selected resident enrollment' },
      { cls: 'conflict', text: '⚠ 冲突 conflicting (documents give two values)' },
      { text: '◇ 其他口径或冲突值 other kinds / conflicting values' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year', '人 persons', 'kind', 'status', 'basis / NULL reason',
        'other statements', 'doc'], rowsHtml) + provenance(section);
  }

  function partText(name, part) {
    var short = label('parts', name);
    if (!part || part.status === 'not_reported') { return short + ' 未报告'; }
    return short + ' ' + fmtAuto(part.amount) + statusMark(part.status);
  }
  function drawThreePublic(section, id) {
    var rows = section.rows, parts = section.parts;
    if (!rows.length) { return empty('fct_three_public has no rows'); }
    var values = [];
    rows.forEach(function (r) {
      var sum = 0;
      parts.forEach(function (p) { if (r.parts[p] && isNum(r.parts[p].amount)) {
        sum += r.parts[p].amount; } });
      values.push(sum, r.parts.total ? r.parts.total.amount : null);
    });
    var max = niceMax(values, 1.1), top = 30, rowH = 50;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) { return fmt(v, 0); });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 8, x = BAR_X, reported = 0, zeros = 0;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        text(LABEL_X, y + 13, r.county + ' ' + r.fiscal_year, '');
      parts.forEach(function (p) {
        var part = r.parts[p];
        if (!part || part.status === 'not_reported') { return; }
        reported += 1;
        if (part.amount === 0) { zeros += 1; return; }
        var width = scale(part.amount);
        body += bar(id, x, y, width, 18, COLORS[p], part.status, label('parts', p) + ' ' +
          fmtAuto(part.amount) + ' 元 · ' + part.status + ' · ' + (part.basis || '') + ' · ' +
          docRef(part.doc_id, part.line));
        x += width;
      });
      var total = r.parts.total;
      if (reported === 0) {
        body += '<rect x="' + BAR_X + '" y="' + y + '" width="' + BAR_W / 3 + '" height="18" ' +
          'fill="url(#' + id + '-nr)" stroke="#a0aec0" stroke-dasharray="3 3"/>' +
          text(BAR_X + 6, y + 13, '分项未报告 components not reported', 'null');
      } else if (zeros === reported) {
        body += '<line x1="' + BAR_X + '" x2="' + BAR_X + '" y1="' + (y - 2) + '" y2="' +
          (y + 20) + '" stroke="#2f855a" stroke-width="4"/>' +
          text(BAR_X + 8, y + 13, '0 · 分项均报告为零 all components reported as zero', 'small');
      }
      if (total && isNum(total.amount)) {
        var tx = BAR_X + scale(total.amount);
        body += '<g class="total"><title>' + esc('合计 total ' + fmtAuto(total.amount) + ' · ' +
          total.status + ' · ' + (total.basis || '')) + '</title><line x1="' + tx + '" x2="' + tx +
          '" y1="' + (y - 4) + '" y2="' + (y + 22) + '" stroke="#1a202c" stroke-width="2"' +
          (total.status === 'derived' ? ' stroke-dasharray="3 2"' : '') + '/></g>';
      }
      var totalText = total && total.status !== 'not_reported' ?
        '合计 ' + fmtAuto(total.amount) + ' 元' + statusMark(total.status) + ' ' +
        label('statuses', total.status) : '合计 未报告 total not reported';
      body += text(NOTE_X, y + 8, totalText, 'small') + text(NOTE_X, y + 23,
        parts.map(function (p) { return partText(p, r.parts[p]); }).join(' · '),
        'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + parts.concat(['total']).map(function (p) {
          var part = r.parts[p];
          return cell(part ? (isNum(part.amount) ? fmtAuto(part.amount) + ' ' : '') +
            part.status : 'absent', true);
        }).join('') + cell(docRef((r.parts.total || {}).doc_id)) + '</tr>';
    });
    var items = parts.map(function (p) {
      return { color: COLORS[p], text: label('parts', p) + ' ' + p };
    });
    items.push({ cls: 'nr', text: '未报告 not reported (hatched grey, no bar)' });
    items.push({ color: '#2f855a', text: '0 报告为零 reported zero (green tick)' });
    items.push({ color: '#1a202c', text: '│ 合计 total (dashed if derived)' });
    return legend(items) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year'].concat(parts, ['total', 'doc']), rowsHtml) +
      provenance(section);
  }

  function drawYoy(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('mart_yoy_change has no rows'); }
    var max = niceMax(rows.map(function (r) { return r.pct_change; }));
    var top = 30, rowH = 30, mid = BAR_X + BAR_W / 2, half = BAR_W / 2;
    var body = '';
    for (var t = -2; t <= 2; t += 1) {
      var gx = mid + half * t / 2;
      body += '<line class="grid" x1="' + gx + '" x2="' + gx + '" y1="' + top + '" y2="' +
        (top + rows.length * rowH) + '"/>' + text(gx, top - 6, signed(max * t / 2, 0) + '%',
        'muted small', 'middle');
    }
    body += '<line class="axis" x1="' + mid + '" x2="' + mid + '" y1="' + top + '" y2="' +
      (top + rows.length * rowH) + '"/>';
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 6;
      body += '<g class="row" data-key="' + esc(r.yoy_id) + '">' + text(LABEL_X, y + 12,
        clip(r.county + ' ' + label('measures', r.measure), 14), '');
      var color = COLORS[r.prior_source] || '#718096';
      var status = r.status === 'conflicting' || r.prior_status === 'conflicting' ?
        'conflicting' : (r.prior_status === 'derived' ? 'derived' : r.status);
      var title = label('measures', r.measure) + ': ' + fmtAuto(r.prior_value) + ' (' +
        r.prior_status + ') → ' + fmtAuto(r.value) + ' (' + r.status + ') · ' +
        r.prior_source + ' · ' + (r.prior_basis || '');
      if (isNum(r.pct_change)) {
        var w = half * Math.abs(r.pct_change) / max;
        body += bar(id, r.pct_change < 0 ? mid - w : mid, y, w, 16, color, status, title);
      } else {
        body += '<title>' + esc(title) + '</title>' +
          text(mid + 6, y + 12, '% 无 n/a (上年为 0 prior is 0)', 'null');
      }
      var apart = r.years_apart > 1 ? ' · 间隔 ' + r.years_apart + ' 年' : '';
      var real = isNum(r.real_pct_change) ? ' (不变价 real ' + pct(r.real_pct_change) + ')' : '';
      body += text(NOTE_X, y + 12, r.prior_year + '→' + r.fiscal_year + ' · 名义 nominal ' +
        pct(r.pct_change) + real + ' · ' + signed(r.abs_change,
        r.unit === 'persons' ? 0 : 2) + ' ' + (r.unit === 'persons' ? '人' : '元') + apart +
        ' · ' + label('prior_sources', r.prior_source), 'small') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.yoy_id) + '">' + cell(r.county) +
        cell(label('measures', r.measure) + ' (' + r.measure + ')') +
        cell(r.prior_year + '→' + r.fiscal_year) + cell(fmtAuto(r.prior_value), true) +
        cell(r.prior_status) + cell(fmtAuto(r.value), true) + cell(r.status) +
        cell(signed(r.abs_change, 2), true) + cell(pct(r.pct_change), true) +
        cell(isNum(r.real_pct_change) ? pct(r.real_pct_change) : r.real_change_null_reason || '',
          true) + cell(r.prior_source) + cell(r.prior_basis || '') + cell(docRef(r.doc_id)) + '</tr>';
    });
    return legend([
      { color: COLORS.stated_change, text: 'stated_change: ' + L.prior_sources.stated_change },
      { color: COLORS.document, text: 'document: ' + L.prior_sources.document },
      { cls: 'hatch', text: 'ᵈ 上年数为推算 prior value derived' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '指标 measure', 'years', 'prior', 'prior status', 'value', 'status',
        'abs change (名义 nominal)', '% change (名义 nominal)',
        '% change (不变价 real, ' + ((rows[0] || {}).price_base_year || '') + '年价)', 'prior source', 'prior basis', 'doc'], rowsHtml) +
      provenance(section);
  }

  function valueCell(value, name, line) {
    return '<td class="num">' + esc(fmtAuto(value)) + '<br><span class="muted wrap">' +
      esc((name || '') + (isNum(line) ? ' · L' + line : '')) + '</span></td>';
  }
  function drawInconsistencies(section) {
    var rows = section.rows;
    var body = rows.map(function (r) {
      return '<tr class="status-conflicting" data-key="' + esc(r.inconsistency_id) + '">' +
        cell(r.county) + cell(r.fiscal_year) + '<td>' + esc(label('checks', r.check_name)) +
        '<br><span class="muted">' + esc(r.check_name) + '</span></td>' +
        cell(label('measures', String(r.subject || '').split(' ')[0]) + ' ' + (r.subject || '')) +
        valueCell(r.value_a, r.label_a, r.line_a) + valueCell(r.value_b, r.label_b, r.line_b) +
        cell(signed(r.difference, 2), true) + '<td class="desc">' + esc(r.description) + '</td>' +
        cell(r.file + ' · ' + docRef(r.doc_id)) + '</tr>';
    }).join('');
    var head = ['县 county', '年 year', '检查 check', '事项 subject', '值 A value a',
      '值 B value b', '差 difference', '说明 description', '文件 document'];
    var tableHtml = rows.length ? '<table class="data"><thead><tr>' + head.map(function (h) {
      return '<th>' + esc(h) + '</th>';
    }).join('') + '</tr></thead><tbody>' + body + '</tbody></table>' :
      empty('没有发现不一致 no inconsistencies found');
    return tableHtml + provenance(section);
  }

  function drawPerResident(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('mart_county_year_comparison has no rows'); }
    var values = [];
    rows.forEach(function (r) { values.push(r.figures[0].nominal, r.figures[0].real); });
    var base = rows[0].price_base_year;
    var realName = '不变价 real (' + base + '年价 constant ' + base + ' yuan)';
    var max = niceMax(values, 1.3), top = 30, rowH = 62;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) { return fmt(v, 0); });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 6, total = r.figures[0];
      var reason = r.population_null_reason || (isNum(total.nominal) ? '' :
        label('statuses', total.status) + ' 支出合计 total expenditure');
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        rowLabel(r, y + 14);
      body += valueBar(id, y, total.nominal, total.status, COLORS.nominal, '名义 nominal',
        reason, scale, '元/人', '');
      body += valueBar(id, y + 22, total.real, total.status, COLORS.real, '不变价 real',
        r.real_terms_null_reason || reason, scale, '元/人 (' + r.price_base_year + '年价)', '');
      var people = isNum(r.population) ? '常住人口 ' + fmt(r.population, 0) + ' 人 · ' +
        r.population_source : '常住人口 population: 无 none';
      body += text(NOTE_X, y + 12, people, 'small' + (r.population_year &&
        r.population_year !== r.fiscal_year ? ' muted' : ''));
      var rank = isNum(r.rank_in_province) ? '省内 ' + r.rank_in_province + '/' +
        r.peers_in_province + ' · 同规模 ' + r.rank_in_band + '/' + r.peers_in_band : '';
      body += text(NOTE_X, y + 27, 'CPI ' + fmt(r.cpi_index, 1) + ' (2020=100) · ' + rank,
        'small muted');
      body += text(NOTE_X, y + 42, '参保覆盖率 coverage ' + (isNum(r.coverage) ?
        fmt(r.coverage * 100, 1) + '%' : '—'), 'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + cell(fmt(r.population, 0), true) +
        cell((r.population_source || '') + (r.population_null_reason || '')) +
        r.figures.map(function (f) {
          return cell(fmt(f.nominal, 2), true) + cell(fmt(f.real, 2), true);
        }).join('') + cell(isNum(r.coverage) ? fmt(r.coverage, 4) : '—', true) +
        cell(isNum(r.rank_in_province) ? r.rank_in_province + '/' + r.peers_in_province : '—') +
        cell(isNum(r.rank_in_band) ? r.rank_in_band + '/' + r.peers_in_band + ' ' +
          r.population_band : '—') + cell(r.real_terms_null_reason || '') + '</tr>';
    });
    var headers = ['县 county', '年 year', '常住人口 population', 'source'];
    (rows[0].figures || []).forEach(function (f) {
      headers.push(label('measures', f.measure) + ' 人均 名义 nominal',
        label('measures', f.measure) + ' 人均 ' + realName);
    });
    return legend([
      { color: COLORS.nominal, text: '名义 nominal: 当年价 current yuan per resident' },
      { color: COLORS.real, text: realName + ' per resident, national CPI' },
      { text: 'NULL: 无人口或价格指数时不画为 0, 显示原因 never drawn as 0' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(headers.concat(['参保覆盖率 coverage', '省内排名 rank in province',
        '同规模排名 rank in population band', 'real NULL reason']), rowsHtml) +
      provenance(section);
  }

  function rate(value) { return isNum(value) ? fmt(value, 2) + '%' : '—'; }
  function drawExecution(section, id) {
    var rows = section.rows;
    if (!rows.length) {
      return empty('mart_county_budget_execution has no rows: no 部门决算 (final accounts) ' +
        'was ingested') + provenance(section);
    }
    var top = 24, rowH = 46, groupH = 22, y = top, body = '', last = null;
    rows.forEach(function (r) {
      if (r.group !== last) {
        body += text(LABEL_X, y + 14, r.county + ' ' + r.fiscal_year, 'group');
        y += groupH;
        last = r.group;
      }
      /* each row on its own scale: a county's 三公 and its whole budget differ a thousandfold */
      var max = niceMax([r.budget, r.adjusted, r.actual], 1.15);
      var scale = function (v) { return BAR_W * v / max; };
      body += '<g class="row" data-key="' + esc(r.key) + '">' +
        text(LABEL_X + 12, y + 14, clip(label('measures', r.measure), 13), '') +
        text(LABEL_X + 12, y + 29, clip(r.measure, 24), 'muted small');
      if (isNum(r.budget)) {
        body += bar(id, BAR_X, y, scale(r.budget), 14, COLORS.budget, r.budget_status,
          '预算 budget ' + fmt(r.budget, 2) + ' 元 · ' + (r.budget_status || '') + ' · ' +
          docRef(r.budget_doc)) + text(BAR_X + scale(r.budget) + 6, y + 11, '预算 ' +
          fmt(r.budget, 2) + statusMark(r.budget_status), 'small' +
          (r.budget_status === 'conflicting' ? ' warn' : ''));
      } else {
        body += text(BAR_X + 4, y + 11, '预算 NULL: ' + (r.budget_null_reason || ''), 'null');
      }
      if (isNum(r.adjusted)) {
        var ax = BAR_X + scale(r.adjusted);
        body += '<g class="adjusted"><title>' + esc('调整预算 adjusted ' + fmt(r.adjusted, 2)) +
          '</title><line x1="' + ax + '" x2="' + ax + '" y1="' + (y - 2) + '" y2="' + (y + 32) +
          '" stroke="' + COLORS.adjusted + '" stroke-width="2" stroke-dasharray="3 2"/></g>';
      }
      body += bar(id, BAR_X, y + 17, scale(r.actual), 14, COLORS.actual, r.actual_status,
        '决算 actual ' + fmt(r.actual, 2) + ' 元 · ' + (r.actual_status || '') + ' · ' +
        docRef(r.actual_doc)) + text(BAR_X + scale(r.actual) + 6, y + 28, '决算 ' +
        fmt(r.actual, 2) + statusMark(r.actual_status), 'small');
      var stated = isNum(r.stated_rate) ? ' · 文件所述 stated ' + rate(r.stated_rate) : '';
      body += text(NOTE_X, y + 11, '完成 ' + rate(r.computed_rate) + ' (计算 computed)' + stated,
        'small' + (isNum(r.stated_rate) && isNum(r.computed_rate) &&
          Math.abs(r.stated_rate - r.computed_rate) > 0.01 ? ' warn' : '')) +
        text(NOTE_X, y + 26, '差 actual − budget ' + (isNum(r.difference) ?
          signed(r.difference, 2) + ' 元' : '—') + (r.reason ? ' · ' + clip(r.reason, 24) : ''),
        'small muted') + '</g>';
      y += rowH;
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.key) + '">' + cell(r.county) + cell(r.fiscal_year) +
        cell(label('measures', r.measure) + ' (' + r.measure + ')') +
        cell(isNum(r.budget) ? fmt(r.budget, 2) : 'NULL: ' + (r.budget_null_reason || ''),
          true) + cell(r.budget_status || '') + cell(fmt(r.adjusted, 2), true) +
        cell(fmt(r.actual, 2), true) + cell(r.actual_status || '') +
        cell(isNum(r.difference) ? signed(r.difference, 2) : '—', true) +
        cell(rate(r.computed_rate), true) + cell(rate(r.stated_rate), true) +
        cell(r.reason || '') + cell(docRef(r.budget_doc) + ' / ' + docRef(r.actual_doc)) +
        '</tr>';
    });
    return legend([
      { color: COLORS.budget, text: '预算 budget (部门预算 or 年初预算数)' },
      { color: COLORS.adjusted, text: '┆ 调整预算 adjusted (调整预算数 / 全年预算数)' },
      { color: COLORS.actual, text: '决算 actual (决算数)' },
      { cls: 'conflict', text: '⚠ 冲突 conflicting: two documents give two budgets' },
      { text: '每行各自比例 each row on its own scale' }
    ]) + svg(id, y + 8, body) +
      table(['县 county', '年 year', '指标 measure', '预算 budget', 'status',
        '调整预算 adjusted', '决算 actual', 'status', '差 actual − budget',
        '完成率 computed', '完成率 stated', '原因 reason', 'doc budget / actual'], rowsHtml) +
      provenance(section);
  }

  var CHARTS = [
    ['chart-per-capita', function (id) { return drawPerCapita(DATA.per_capita, id); }],
    ['chart-enrollment', function (id) { return drawEnrollment(DATA.enrollment, id); }],
    ['chart-three-public', function (id) { return drawThreePublic(DATA.three_public, id); }],
    ['chart-yoy', function (id) { return drawYoy(DATA.yoy, id); }],
    ['chart-inconsistencies', function () { return drawInconsistencies(DATA.inconsistencies); }],
    ['chart-per-resident', function (id) { return drawPerResident(DATA.per_resident, id); }],
    ['chart-execution', function (id) { return drawExecution(DATA.execution, id); }]
  ];
  CHARTS.forEach(function (entry) {
    var el = document.getElementById(entry[0]);
    try {
      el.innerHTML = entry[1](entry[0]);
      el.setAttribute('data-rendered', 'true');
    } catch (err) {
      el.setAttribute('data-rendered', 'error');
      console.error('chart ' + entry[0] + ' failed: ' + (err && err.stack ? err.stack : err));
    }
  });
  document.body.setAttribute('data-dashboard', 'ready');
})();
