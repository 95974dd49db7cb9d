"""GET /: paste an article, see the grounding report below. Same-origin requests only."""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'">
<title>summarizer</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem 1.5rem;max-width:1200px;color:#1f2328}
textarea{width:100%;min-height:14rem;font:inherit;padding:.5rem}
input[type=password]{font:inherit;padding:.3rem;width:20rem}
button{font:inherit;padding:.4rem 1rem;margin-top:.5rem}
#status{margin:.5rem 0;color:#59636e}#status.error{color:#cf222e}
iframe{width:100%;min-height:70vh;border:1px solid #d1d9e0;border-radius:6px}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}
</style></head><body>
<h1>summarizer</h1>
<p>Paste a news article: the model summarizes it, every number is checked against the article's own words, and the report shows each claim highlighted in the text.</p>
<form id="form">
<label for="article">Article</label>
<textarea id="article" name="text" required placeholder="date 2024-01-01&#10;&#10;Article text..."></textarea>
<label for="key">API key <small>(if the server needs one; kept in this page only)</small></label>
<input type="password" id="key" autocomplete="off">
<div><button type="submit" id="submit">Summarize</button></div>
</form>
<p id="status" role="status" aria-live="polite"></p>
<iframe id="report" title="Grounding report" hidden></iframe>
<script>
(function(){
  var form = document.getElementById('form'), status = document.getElementById('status');
  var frame = document.getElementById('report'), button = document.getElementById('submit');
  function headers(){
    var h = {'Content-Type': 'application/json'}, key = document.getElementById('key').value.trim();
    if (key) { h['Authorization'] = 'Bearer ' + key; }
    return h;
  }
  function fail(text){ status.textContent = text; status.className = 'error'; button.disabled = false; }
  form.addEventListener('submit', function(event){
    event.preventDefault();
    var text = document.getElementById('article').value;
    if (!text.trim()) { fail('Paste an article first.'); return; }
    status.textContent = 'Summarizing…'; status.className = ''; button.disabled = true;
    fetch('v1/summaries', {method: 'POST', headers: headers(), body: JSON.stringify({text: text})})
      .then(function(response){
        return response.json().then(function(body){
          if (!response.ok) { throw new Error(body.detail || ('HTTP ' + response.status)); }
          return response.headers.get('X-Summary-Id');
        });
      })
      .then(function(id){
        return fetch('v1/summaries/' + encodeURIComponent(id) + '.html', {headers: headers()})
          .then(function(response){
            if (!response.ok) { throw new Error('HTTP ' + response.status + ' fetching the report'); }
            return response.text();
          });
      })
      .then(function(html){
        frame.srcdoc = html; frame.hidden = false;
        status.textContent = 'Done.'; button.disabled = false;
      })
      .catch(function(error){ fail('Error: ' + error.message); });
  });
})();
</script>
</body></html>
"""


__all__ = [
    "PAGE",
]
