// Applies the stored theme before first paint (no flash of the wrong theme).
(function () {
  try {
    var t = localStorage.getItem('memegraph.theme');
    if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
  } catch (e) {}
})();
