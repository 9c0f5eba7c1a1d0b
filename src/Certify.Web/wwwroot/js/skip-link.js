// "Saltar al contenido" moves focus to the page's own <main>. A plain href="#main" would resolve against
// <base href="/"> and open the home page, so the click is handled here; the href (current path + #main) is the fallback.
document.addEventListener('click', event => {
    const link = event.target.closest('a[data-skip-to]');
    const target = link && document.getElementById(link.dataset.skipTo);
    if (!target) {
        return;
    }

    event.preventDefault();
    target.focus();
    target.scrollIntoView();
});
