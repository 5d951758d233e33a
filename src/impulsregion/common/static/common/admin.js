'use strict';
// Django's search pickers (select2) name their combobox only by the chosen value, so an empty
// picker has no accessible name (WCAG 4.1.2). Each picker gets its field's label as its name,
// also the pickers of rows added later. The boxes in the rows of a table of rows (an event's
// dates, an organisation's key figures) are named by their column's heading, which Django
// shows above them but does not tie to them. The magnifier icons of Django's two-list choosers
// carry an aria-label, which a plain span may not have; as an image it may.
{
    const icons = (root) => {
        root.querySelectorAll('.search-label-icon[aria-label]:not([role])').forEach((icon) => {
            icon.setAttribute('role', 'img');
        });
    };
    const inRows = (root) => {
        root.querySelectorAll('.tabular td[class*="field-"]').forEach((cell) => {
            const field = [...cell.classList].find((name) => name.startsWith('field-'));
            const heading = cell.closest('table').querySelector(`th.column-${field.slice(6)}`);
            if (!heading) {
                return;
            }
            const name = heading.textContent.trim();
            cell.querySelectorAll('input:not([type=hidden]), select, textarea').forEach((box) => {
                if (!box.labels?.length && !box.hasAttribute('aria-label')) {
                    box.setAttribute('aria-label', name);
                }
            });
        });
    };
    const labelled = (root) => {
        root.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const box = select.parentElement.querySelector('.select2-selection');
            const label = document.querySelector(`label[for="${select.id}"]`);
            if (!box || !label || box.dataset.labelled) {
                return;
            }
            label.id = label.id || `${select.id}-label`;
            const shown = box.querySelector('.select2-selection__rendered');
            const names = [label.id, shown && shown.id].filter(Boolean).join(' ');
            box.setAttribute('aria-labelledby', names);
            if (shown) {
                shown.setAttribute('aria-labelledby', names);
            }
            box.dataset.labelled = 'yes';
        });
    };
    const watch = () => {
        const all = () => {
            labelled(document);
            inRows(document);
            icons(document);
        };
        all();
        // a burst of changes (a picker's results as one types) is looked at once, after it
        let pending = false;
        const soon = () => {
            if (!pending) {
                pending = true;
                requestAnimationFrame(() => {
                    pending = false;
                    all();
                });
            }
        };
        new MutationObserver(soon).observe(document.body, {
            childList: true,
            subtree: true,
        });
    };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', watch);
    } else {
        watch();
    }
}
