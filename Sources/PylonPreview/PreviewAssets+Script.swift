extension PreviewAssets {
    /// The previews' only script: the title search (a dropdown under every search box, and on
    /// the home page a live filter of the article listing, also fed by `?q=`) and a small code
    /// highlighter keyed on `language-x` classes. It builds every node with `textContent` and
    /// `createElement`, never `innerHTML`, so no title or code text can become markup.
    ///
    /// The search index is `window.pylonPreviewSearchIndex`, defined by the script file named in
    /// `body[data-search-index]` (the static site; `file://` pages cannot fetch, and the file is
    /// loaded only once the reader uses the search box, since it holds every title of the site),
    /// or the JSON data block `#search-index` (the emulator inlines it). Entries are
    /// `{t: title, u: URL, p: path, l: language}`; a `u` without a leading `/` is relative to the
    /// site root named by `body[data-root]`.
    public static let script = #"""
        (function () {
          'use strict';
          var root = document.body.getAttribute('data-root') || '';
          var entries = null;

          function fold(text) {
            return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
          }
          var indexFile = document.body.getAttribute('data-search-index');
          var waiting = [];
          // Calls back once the index is available (at once when it is inline or loaded).
          function withIndex(callback) {
            if (!indexFile || window.pylonPreviewSearchIndex) { callback(); return; }
            waiting.push(callback);
            if (waiting.length > 1) return;
            var tag = document.createElement('script');
            tag.src = indexFile;
            tag.onload = tag.onerror = function () {
              if (!window.pylonPreviewSearchIndex) window.pylonPreviewSearchIndex = [];
              var calls = waiting;
              waiting = [];
              calls.forEach(function (call) { call(); });
            };
            document.head.appendChild(tag);
          }
          function loadIndex() {
            if (entries) return entries;
            var raw = window.pylonPreviewSearchIndex;
            if (!raw) {
              var block = document.getElementById('search-index');
              raw = block ? JSON.parse(block.textContent) : [];
            }
            entries = raw.map(function (entry) {
              return { title: entry.t, url: entry.u.charAt(0) === '/' ? entry.u : root + entry.u,
                       path: entry.p || '', language: entry.l || '', key: fold(entry.t) };
            });
            return entries;
          }
          function matches(query) {
            var words = fold(query).split(/\s+/).filter(Boolean);
            if (!words.length) return [];
            var found = loadIndex().filter(function (entry) {
              return words.every(function (word) { return entry.key.indexOf(word) !== -1; });
            });
            found.sort(function (a, b) {
              var rank = (b.key.indexOf(words[0]) === 0) - (a.key.indexOf(words[0]) === 0);
              return rank || a.title.localeCompare(b.title);
            });
            return found.slice(0, 8);
          }
          function appendMarked(parent, text, query) {
            var word = query.trim().split(/\s+/)[0] || '';
            var at = word ? text.toLowerCase().indexOf(word.toLowerCase()) : -1;
            if (at === -1) { parent.appendChild(document.createTextNode(text)); return; }
            parent.appendChild(document.createTextNode(text.slice(0, at)));
            var mark = document.createElement('mark');
            mark.textContent = text.slice(at, at + word.length);
            parent.appendChild(mark);
            parent.appendChild(document.createTextNode(text.slice(at + word.length)));
          }

          document.querySelectorAll('form.search').forEach(function (form) {
            var input = form.querySelector('input[type="search"]');
            var list = form.querySelector('.search-results');
            if (!input || !list) return;
            var active = -1;
            function links() { return list.querySelectorAll('a'); }
            function setActive(index) {
              var all = links();
              all.forEach(function (link, i) { link.classList.toggle('active', i === index); });
              active = index;
              if (all[index]) all[index].scrollIntoView({ block: 'nearest' });
            }
            function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
            function show() {
              var query = input.value;
              list.textContent = '';
              active = -1;
              if (!query.trim()) { close(); return; }
              var found = matches(query);
              if (!found.length) {
                var empty = document.createElement('li');
                empty.className = 'empty';
                empty.textContent = 'No article titles match “' + query.trim() + '”.';
                list.appendChild(empty);
              }
              found.forEach(function (entry) {
                var item = document.createElement('li');
                var link = document.createElement('a');
                link.href = entry.url;
                var title = document.createElement('span');
                title.className = 'result-title';
                appendMarked(title, entry.title, query);
                link.appendChild(title);
                var path = [entry.path, entry.language.toUpperCase()].filter(Boolean).join(' · ');
                if (path) {
                  var detail = document.createElement('span');
                  detail.className = 'result-path';
                  detail.textContent = path;
                  link.appendChild(detail);
                }
                item.appendChild(link);
                list.appendChild(item);
              });
              list.hidden = false;
              input.setAttribute('aria-expanded', 'true');
            }
            input.addEventListener('input', function () { withIndex(show); });
            input.addEventListener('focus', function () { withIndex(function () { if (input.value.trim()) show(); }); });
            input.addEventListener('keydown', function (event) {
              var all = links();
              if (event.key === 'ArrowDown' && all.length) { event.preventDefault(); setActive((active + 1) % all.length); }
              else if (event.key === 'ArrowUp' && all.length) { event.preventDefault(); setActive((active - 1 + all.length) % all.length); }
              else if (event.key === 'Escape') { close(); }
              else if (event.key === 'Enter' && all.length) { event.preventDefault(); location.href = all[Math.max(active, 0)].href; }
            });
            document.addEventListener('click', function (event) { if (!form.contains(event.target)) close(); });
          });

          // The home page filters its own listing too, live and from ?q= (other pages' search
          // forms submit there when nothing is selected).
          var listing = document.querySelector('.listing');
          var homeInput = document.querySelector('.hero input[type="search"]');
          if (listing && homeInput) {
            var items = listing.querySelectorAll('li[data-title]');
            var sections = listing.querySelectorAll('section');
            var none = listing.querySelector('.no-results');
            var filterListing = function () {
              var words = fold(homeInput.value).split(/\s+/).filter(Boolean);
              var shown = 0;
              items.forEach(function (item) {
                var key = fold(item.getAttribute('data-title'));
                item.hidden = !words.every(function (word) { return key.indexOf(word) !== -1; });
                if (!item.hidden) shown += 1;
              });
              sections.forEach(function (section) {
                section.hidden = words.length > 0 && !section.querySelector('li[data-title]:not([hidden])');
              });
              if (none) none.hidden = shown > 0;
            };
            var initial = new URLSearchParams(location.search).get('q');
            if (initial) homeInput.value = initial;
            homeInput.addEventListener('input', filterListing);
            filterListing();
          }

          // "On this page": the article's h2/h3 headings, shown beside it on wide screens, with
          // the section being read marked.
          var article = document.querySelector('.article-body');
          var layout = document.querySelector('.layout');
          var headings = article ? article.querySelectorAll('h2[id], h3[id]') : [];
          if (layout && headings.length >= 2) {
            var toc = document.createElement('nav');
            toc.className = 'toc';
            toc.setAttribute('aria-label', 'On this page');
            var tocTitle = document.createElement('p');
            tocTitle.className = 'toc-title';
            tocTitle.textContent = 'On this page';
            toc.appendChild(tocTitle);
            var tocList = document.createElement('ul');
            var tocLinks = [];
            headings.forEach(function (heading) {
              var item = document.createElement('li');
              item.className = 'toc-' + heading.tagName.toLowerCase();
              var link = document.createElement('a');
              link.href = '#' + encodeURIComponent(heading.id);
              link.textContent = heading.textContent;
              item.appendChild(link);
              tocList.appendChild(item);
              tocLinks.push(link);
            });
            toc.appendChild(tocList);
            layout.appendChild(toc);
            layout.classList.add('has-toc');
            var markCurrent = function () {
              var current = 0;
              headings.forEach(function (heading, index) {
                if (heading.getBoundingClientRect().top < 120) current = index;
              });
              tocLinks.forEach(function (link, index) { link.classList.toggle('active', index === current); });
            };
            window.addEventListener('scroll', markCurrent, { passive: true });
            markCurrent();
          }

          // Code highlighting: a tokenizer per language family, applied to text only.
          var families = {
            hash: ['bash', 'sh', 'shell', 'zsh', 'console', 'python', 'py', 'ruby', 'rb', 'yaml', 'yml', 'toml', 'ini', 'dockerfile', 'perl', 'r', 'elixir', 'powershell', 'ps1'],
            slash: ['javascript', 'js', 'jsx', 'mjs', 'typescript', 'ts', 'tsx', 'go', 'golang', 'swift', 'java', 'kotlin', 'c', 'cpp', 'csharp', 'cs', 'rust', 'rs', 'php', 'scala', 'dart', 'css', 'scss', 'graphql', 'jsonc'],
            dash: ['sql']
          };
          var keywords = {
            js: 'async await break case catch class const continue default delete do else export extends finally for from function if import in instanceof let new of return static super switch this throw try typeof var void while yield interface type enum implements',
            python: 'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self',
            go: 'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
            ruby: 'alias and begin break case class def do else elsif end ensure for if in module next not or redo rescue retry return self super then unless until when while yield require puts',
            bash: 'if then else elif fi for while do done case esac in function return export local exit set unset source sudo echo',
            swift: 'actor as async await break case catch class continue default defer do else enum extension for func guard if import in init let private public protocol return self static struct switch throw throws try var where while',
            sql: 'select from where and or not insert into values update set delete create table index join left right inner outer on group by order limit as null is in distinct having',
            rust: 'as async await break const continue crate else enum extern fn for if impl in let loop match mod move mut pub ref return self static struct trait type unsafe use where while',
            other: 'abstract break case catch class const continue default do else enum extends final for fun function if import in interface is new object override package private protected public return static super switch this throw try val var void when while'
          };
          var keywordSets = { js: ['javascript', 'js', 'jsx', 'mjs', 'typescript', 'ts', 'tsx'], python: ['python', 'py'], go: ['go', 'golang'],
                              ruby: ['ruby', 'rb'], bash: ['bash', 'sh', 'shell', 'zsh', 'console'], swift: ['swift'], sql: ['sql'], rust: ['rust', 'rs'] };
          var string = '"(?:[^"\\\\\\n]|\\\\.)*"|\'(?:[^\'\\\\\\n]|\\\\.)*\'';
          var number = '\\b\\d+(?:\\.\\d+)?\\b';
          var literal = '\\b(?:true|false|null|nil|None|True|False|undefined|yes|no)\\b';
          function rulesFor(language) {
            if (language === 'json') {
              return [['key', '"(?:[^"\\\\\\n]|\\\\.)*"(?=\\s*:)'], ['string', string], ['number', '-?' + number], ['literal', literal]];
            }
            if (language === 'yaml' || language === 'yml') {
              return [['comment', '(?:^|(?<=\\s))#.*'], ['key', '[A-Za-z_][\\w.-]*(?=:(?:[ \\t]|$))'], ['string', string],
                      ['number', number], ['literal', literal]];
            }
            var family = Object.keys(families).filter(function (name) { return families[name].indexOf(language) !== -1; })[0];
            if (!family) return null;
            var comment = family === 'hash' ? '(?:^|(?<=\\s))#.*' : family === 'dash' ? '--.*' : '//.*|/\\*[\\s\\S]*?\\*/';
            var set = Object.keys(keywordSets).filter(function (name) { return keywordSets[name].indexOf(language) !== -1; })[0] || 'other';
            var rules = [['comment', comment], ['string', string + '|`(?:[^`\\\\]|\\\\.)*`'], ['number', number], ['literal', literal],
                         ['keyword', '\\b(?:' + keywords[set].split(' ').join('|') + ')\\b']];
            if (family === 'hash') rules.push(['key', '\\$\\{?[A-Za-z_]\\w*\\}?']);
            if (keywordSets.bash.indexOf(language) !== -1) {
              // The command at the start of a line (after an optional `$ ` prompt), and its flags.
              rules.push(['command', '(?<=^[ \\t]*(?:\\$ )?)[A-Za-z_][\\w.-]*'], ['literal', '(?<=\\s)--?[A-Za-z][\\w-]*']);
            }
            return rules;
          }
          function highlight(code, rules) {
            var text = code.textContent;
            var pattern = new RegExp(rules.map(function (rule) { return '(' + rule[1] + ')'; }).join('|'), 'gm');
            var fragment = document.createDocumentFragment();
            var last = 0;
            var match;
            while ((match = pattern.exec(text)) !== null) {
              if (match[0] === '') { pattern.lastIndex += 1; continue; }
              var kind = 1;
              while (match[kind] === undefined) kind += 1;
              if (match.index > last) fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
              var span = document.createElement('span');
              span.className = 'tok-' + rules[kind - 1][0];
              span.textContent = match[0];
              fragment.appendChild(span);
              last = match.index + match[0].length;
            }
            if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
            code.textContent = '';
            code.appendChild(fragment);
          }
          document.querySelectorAll('pre > code[class*="language-"]').forEach(function (code) {
            var found = /(?:^|\s)language-([\w+#-]+)/.exec(code.className);
            if (!found) return;
            var language = found[1].toLowerCase();
            if (language !== 'text' && language !== 'plaintext' && language !== 'txt') {
              code.parentNode.setAttribute('data-language', language);
            }
            var rules = rulesFor(language);
            if (rules && code.textContent.length < 50000) highlight(code, rules);
          });
        })();
        """#
}
