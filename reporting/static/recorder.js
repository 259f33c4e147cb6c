(function () {
  'use strict';
  var errors = [];
  function show() {
    var el = document.getElementById('console-errors');
    if (el) { el.textContent = errors.join('\n'); }
    document.documentElement.setAttribute('data-error-count', String(errors.length));
  }
  function record(text) { errors.push(String(text)); show(); }
  window.dashboardErrors = errors;
  window.onerror = function (message, source, line, column) {
    record('uncaught error: ' + message + ' (line ' + line + ':' + column + ')');
    return false;
  };
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection: ' + event.reason);
  });
  var original = console.error;
  console.error = function () {
    record(Array.prototype.slice.call(arguments).join(' '));
    return original.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
})();
