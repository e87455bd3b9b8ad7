/* The assistant chat widget: no framework, no CDN. Sends the CSRF token from the cookie Django sets. */
(function () {
  "use strict";
  var root = document.querySelector(".aw");
  if (!root) return;
  var panel = root.querySelector(".aw-panel"), opener = root.querySelector(".aw-open");
  var form = root.querySelector(".aw-form"), input = root.querySelector("#aw-question");
  var log = root.querySelector(".aw-log"), strings = root.querySelector(".aw-strings").dataset;
  var conversation = "";  // the chat's id from the server: follow-ups keep the topic
  var turns = [];  // what was said, attached to a callback request for the officer
  var MAX_TURNS = 20;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(body)
    });
  }
  function setOpen(open) {
    panel.hidden = !open;
    opener.setAttribute("aria-expanded", String(open));
    if (open) { input.focus(); } else { opener.focus(); }
  }
  function bubble(who, cls) {
    var item = document.createElement("li");
    item.className = "aw-msg " + cls;
    var label = document.createElement("span");
    label.className = "aw-who";
    label.textContent = who;
    item.appendChild(label);
    log.appendChild(item);
    return item;
  }
  function addText(item, text) {
    var p = document.createElement("p");
    p.textContent = text;
    item.appendChild(p);
    log.scrollTop = log.scrollHeight;
  }
  // Two cases: the lead-in, then each case's title ("1. …") and what the rule says, a paragraph each.
  function addCases(item, text) {
    text.split("\n").forEach(function (line) {
      addText(item, line);
      if (/^\d\. /.test(line)) item.lastChild.className = "aw-case";
    });
  }
  function addCitations(item, citations) {
    if (!citations.length) return;
    var box = document.createElement("p");
    box.className = "aw-cite";
    box.textContent = strings.sources + ": " + citations.map(function (c) {
      return c.title + " (" + c.source + ")";
    }).join("; ");
    item.appendChild(box);
  }
  // When unsure, questions it can answer that the citizen may have meant: one tap asks it.
  function addSuggestions(item, suggestions) {
    if (!suggestions.length) return;
    var box = document.createElement("div");
    box.className = "aw-suggest";
    var label = document.createElement("p");
    label.textContent = strings.suggest;
    box.appendChild(label);
    suggestions.forEach(function (s) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "aw-rate aw-suggestion";
      b.textContent = s.question;
      b.title = s.title;
      b.addEventListener("click", function () { ask(s.question, s.passage_id); });
      box.appendChild(b);
    });
    item.appendChild(box);
  }
  function addFeedback(item, exchangeId) {
    var row = document.createElement("div");
    row.className = "aw-feedback";
    [[true, strings.helpful], [false, strings.unhelpful]].forEach(function (choice) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "aw-rate";
      b.textContent = choice[1];
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        post(root.dataset.feedback, {exchange_id: exchangeId, helpful: choice[0]}).then(function () {
          row.textContent = strings.thanks;
        });
      });
      row.appendChild(b);
    });
    item.appendChild(row);
  }
  function remember(role, text) {
    turns.push({role: role, text: text.slice(0, 1000)});
    if (turns.length > MAX_TURNS) turns.shift();
  }
  function addCallback(item, question) {
    var row = document.createElement("div");
    row.className = "aw-callback";
    if (root.dataset.signedIn !== "1") {
      var link = document.createElement("a");
      link.href = root.dataset.login + "?next=" + encodeURIComponent(location.pathname);
      link.textContent = strings.callbackLogin;
      row.appendChild(link);
      item.appendChild(row);
      return;
    }
    var phone = document.createElement("input");
    phone.type = "tel";
    phone.maxLength = 20;
    phone.autocomplete = "tel";
    phone.placeholder = strings.phone;
    phone.setAttribute("aria-label", strings.phone);
    phone.className = "aw-phone";
    var b = document.createElement("button");
    b.type = "button";
    b.className = "aw-rate aw-callback-button";
    b.textContent = strings.callback;
    b.addEventListener("click", function () {
      b.disabled = true;
      post(root.dataset.callback, {question: question, kind: "callback", conversation: turns, phone: phone.value.trim()})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { row.textContent = strings.callbackSent + " " + data.code; })
        .catch(function () { row.textContent = strings.callbackFailed; });
    });
    row.appendChild(phone);
    row.appendChild(b);
    item.appendChild(row);
  }
  function ask(question, passage) {
    remember("citizen", question);
    addText(bubble(strings.you, "aw-you"), question);
    var reply = bubble(strings.bot, "aw-bot");
    reply.setAttribute("aria-busy", "true");
    var waiting = document.createElement("p");
    waiting.textContent = strings.thinking;
    reply.appendChild(waiting);
    post(root.dataset.endpoint, {question: question, lang: root.dataset.lang === "en" ? "en" : "vi",
                                 conversation: conversation, passage: passage || ""})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        reply.removeChild(waiting);
        conversation = data.conversation || "";
        reply.dataset.kind = data.kind;
        if (data.lang) reply.lang = data.lang;  // read aloud in its own language where it differs from the page's
        if (data.two_cases) addCases(reply, data.answer); else addText(reply, data.answer);
        remember("assistant", data.answer);
        addCitations(reply, data.citations || []);
        addSuggestions(reply, data.suggestions || []);
        if (data.offer_callback) addCallback(reply, question);
        addFeedback(reply, data.exchange_id);
      })
      .catch(function () { waiting.textContent = strings.error; })
      .finally(function () { reply.removeAttribute("aria-busy"); log.scrollTop = log.scrollHeight; });
  }
  opener.addEventListener("click", function () { setOpen(panel.hidden); });
  root.querySelector(".aw-close").addEventListener("click", function () { setOpen(false); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) setOpen(false); });
  // A letter may run to several lines (Shift+Enter); Enter alone sends, as in any chat.
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    input.value = "";
    ask(question);
  });
})();
