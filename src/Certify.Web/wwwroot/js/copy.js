// Buttons with data-copy="{element id}" copy that field's value to the clipboard. Delegated from the document, so it
// also works on content that enhanced navigation swapped in.
document.addEventListener('click', event => {
    const button = event.target.closest('[data-copy]');
    const field = button && document.getElementById(button.dataset.copy);
    if (!field) {
        return;
    }

    field.select();
    navigator.clipboard?.writeText(field.value).then(() => {
        button.classList.add('btn-success');
        setTimeout(() => button.classList.remove('btn-success'), 1500);
    });
});
