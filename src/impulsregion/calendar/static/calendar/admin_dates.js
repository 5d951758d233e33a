/* An event's dates in the back office: the rule shows only the parts its kind uses, and
   "Show dates" lists the dates the rule makes (asked of the server, nothing is saved). */
"use strict";
(function () {
  const PARTS = {
    weekly: ["weekdays"],
    monthly_weekday: ["weekdays", "week_of_month"],
    monthly_day: ["month_day"],
  };
  const OPTIONAL = ["weekdays", "week_of_month", "month_day"];

  function row(form, name) {
    return form.querySelector(".field-" + name);
  }

  function arrange(form) {
    const chosen = form.querySelector("input[name$='-kind']:checked");
    const shown = PARTS[chosen ? chosen.value : "weekly"] || [];
    for (const name of OPTIONAL) {
      const part = row(form, name);
      if (part) part.hidden = !shown.includes(name);
    }
    const allDay = form.querySelector("input[name$='-all_day']");
    for (const name of ["start_time", "end_time"]) {
      const part = row(form, name);
      if (part && allDay) part.hidden = allDay.checked;
    }
  }

  async function preview(button) {
    const form = button.closest(".inline-related");
    const out = form.querySelector(".series-dates");
    const kind = form.querySelector("input[name$='-kind']");
    const data = new FormData();
    for (const field of form.querySelectorAll("input, select, textarea")) {
      if (!field.name || ((field.type === "checkbox" || field.type === "radio") && !field.checked)) continue;
      data.append(field.name, field.value);
    }
    data.append("prefix", kind.name.replace(/-kind$/, ""));
    data.append("csrfmiddlewaretoken", document.querySelector("input[name='csrfmiddlewaretoken']").value);
    button.disabled = true;
    try {
      const answer = await fetch(button.dataset.url, { method: "POST", body: data, credentials: "same-origin" });
      out.innerHTML = answer.ok ? await answer.text() : "<ul class='errorlist'><li>" + answer.status + "</li></ul>";
    } finally {
      button.disabled = false;
    }
  }

  function start(form) {
    if (!form.querySelector("input[name$='-kind']")) return;
    arrange(form);
    form.addEventListener("change", () => arrange(form));
    const button = form.querySelector(".series-preview");
    if (button) button.addEventListener("click", () => preview(button));
  }

  // narrow screens show each single date as a card: every field keeps its column's name
  function label(table) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const tr of table.querySelectorAll("tbody tr.form-row")) {
      [...tr.children].forEach((td, i) => { if (names[i]) td.dataset.label = names[i]; });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".occurrence-rows table").forEach(label);
    document.querySelectorAll(".series-rule .inline-related").forEach(start);
  });
  document.addEventListener("formset:added", (event) => {
    start(event.target);
    const table = event.target.closest(".occurrence-rows table");
    if (table) label(table);
  });
})();
