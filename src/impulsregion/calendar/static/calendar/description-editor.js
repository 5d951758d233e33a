// The event description's editor: bold, italic, lists, links and paragraphs, nothing more
// (the server cleans what arrives with the importers' sanitiser anyway). ProseMirror comes
// from django-prose-editor's static files, imported by path: no import map, no inline script.
import {
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Gapcursor,
  HardBreak,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Text,
  createTextareaEditor,
  initializeEditors,
} from "../django_prose_editor/editor.js";

const SELECTOR = "[data-description-editor]";

function labelOf(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
}

function create(textarea) {
  if (textarea.closest(".prose-editor")) return;
  const editor = createTextareaEditor(textarea, [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    Bold,
    Italic,
    BulletList,
    OrderedList,
    ListItem,
    Link.configure({ openOnClick: false, protocols: ["http", "https", "mailto", "tel"] }),
  ]);
  // the editable area is what a screen reader meets: it gets the field's name
  const area = editor.view.dom;
  area.setAttribute("role", "textbox");
  area.setAttribute("aria-multiline", "true");
  area.setAttribute("aria-label", labelOf(textarea));
}

initializeEditors(create, SELECTOR);
