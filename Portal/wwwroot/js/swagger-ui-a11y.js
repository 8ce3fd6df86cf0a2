// swagger-ui renders its server list without a label (axe select-name); name it once it appears.
(() => {
  const label = () => {
    const servers = document.getElementById('servers');
    if (servers && !servers.hasAttribute('aria-label')) servers.setAttribute('aria-label', 'Server');
  };
  new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
})();
