// The staff page's one stylesheet (inline, with the request's CSP nonce):
// a quiet inbox, readable from 390 px phones to wide screens, with a visible
// focus ring for keyboard use.
export const css = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d8dee4;--soft:#f6f8fa;--accent:#0b57d0;--accent-soft:#e8f0fe;--ok:#1a7f37;--ok-soft:#dafbe1;--warn:#9a6700;--warn-soft:#fff8c5;--bad:#cf222e;--bad-soft:#ffebe9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
a{color:var(--accent)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:3px}
.wrap{max-width:66rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:.5rem;background:#fff;padding:.4rem .8rem;z-index:2}.skip:focus{left:.5rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.top{background:#24292f;color:#fff}.top .wrap{display:flex;align-items:center;justify-content:space-between;min-height:3rem;gap:1rem}
.brand{font-weight:600;letter-spacing:.01em}.brand span{font-weight:400;opacity:.75}
.top button{background:none;border:1px solid #57606a;color:#fff;border-radius:6px;padding:.25rem .7rem;font:inherit;cursor:pointer}
.tabs{border-bottom:1px solid var(--line);background:var(--soft)}
.tabs ul{display:flex;flex-wrap:wrap;gap:0 .25rem;list-style:none;margin:0 auto;padding:0 1rem}
.tabs li:first-child a{margin-left:-.8rem}
.tabs a{display:flex;align-items:center;gap:.4rem;padding:.7rem .8rem;color:var(--fg);text-decoration:none;border-bottom:2px solid transparent;white-space:nowrap}
.tabs a:hover{background:#eaeef2}.tabs a[aria-current=page]{border-bottom-color:var(--accent);font-weight:600}
.count{display:inline-block;min-width:1.6em;padding:0 .45em;border-radius:1em;background:#d0d7de;font-size:.8rem;font-weight:600;text-align:center;line-height:1.5}
[aria-current=page] .count{background:var(--accent);color:#fff}
main{padding-top:1.2rem;padding-bottom:3rem}
h1{font-size:1.45rem;margin:.2rem 0 .3rem;line-height:1.3}h2{font-size:1.05rem;margin:1.8rem 0 .6rem}
.muted{color:var(--muted)}.small{font-size:.875rem}
.head{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:.6rem 1rem;margin-bottom:1rem}
.head p{margin:0}
.search{display:flex;gap:.4rem;flex:1 1 16rem;max-width:26rem}
input,textarea,select{font:inherit;color:inherit;border:1px solid #afb8c1;border-radius:6px;padding:.4rem .55rem;background:#fff}
.search input{flex:1;min-width:0}
textarea,input[type=text],input[type=url]{width:100%}
label{display:block;font-weight:600;margin:.7rem 0 .25rem}label .muted{font-weight:400}
button,.button{font:inherit;border:1px solid #afb8c1;border-radius:6px;padding:.35rem .85rem;background:var(--soft);color:var(--fg);cursor:pointer;text-decoration:none;display:inline-block}
button:hover{background:#eaeef2}.primary{background:var(--accent);border-color:var(--accent);color:#fff}.primary:hover{background:#0842a0}
.danger{color:var(--bad)}
.flash{border:1px solid #4ac26b;background:var(--ok-soft);color:#0f5323;border-radius:6px;padding:.6rem .85rem;margin:0 0 1rem}
.problem{border-color:#ff8182;background:var(--bad-soft);color:#82071e}
.note{border:1px solid #d4a72c;background:var(--warn-soft);border-radius:6px;padding:.6rem .85rem;margin:1rem 0}
.suggest{border:1px solid #b6cff5;background:var(--accent-soft);border-radius:8px;padding:.6rem .9rem;margin:0 0 1rem}
.suggest h2{margin:0 0 .3rem;font-size:.95rem}.suggest ul{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
.inbox{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:8px;overflow:hidden}
.inbox li{display:grid;grid-template-columns:1fr auto;gap:.1rem 1rem;padding:.65rem .9rem;border-top:1px solid var(--line)}
.inbox li:first-child{border-top:0}.inbox li:hover{background:var(--soft)}
.inbox .q{font-weight:600;text-decoration:none;color:var(--fg);overflow-wrap:anywhere}.inbox .q:hover{color:var(--accent);text-decoration:underline}
.inbox .meta,.inbox .also{grid-column:1;font-size:.85rem;color:var(--muted);margin:0;overflow-wrap:anywhere}
.inbox .side{grid-column:2;grid-row:1/span 3;align-self:center;text-align:right}
.n{display:inline-block;min-width:2.2rem;padding:.1rem .5rem;border-radius:1em;background:var(--accent-soft);color:#0842a0;font-weight:600;text-align:center}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;font-size:.78rem;font-weight:600;background:#eaeef2;color:#424a53;vertical-align:1px}
.badge.open{background:var(--warn-soft);color:var(--warn)}.badge.forwarded{background:var(--accent-soft);color:#0842a0}.badge.resolved{background:var(--ok-soft);color:var(--ok)}
.badge.low,.badge.bad{background:var(--bad-soft);color:var(--bad)}.badge.good{background:var(--ok-soft);color:var(--ok)}
.pager{display:flex;flex-wrap:wrap;align-items:center;gap:.35rem;margin:1rem 0}
.pager a,.pager span[aria-current]{padding:.2rem .6rem;border:1px solid var(--line);border-radius:6px;text-decoration:none}
.pager span[aria-current]{background:var(--accent);border-color:var(--accent);color:#fff}
.pager .muted{margin-left:auto}
.empty{padding:2rem;text-align:center;color:var(--muted);border:1px dashed var(--line);border-radius:8px}
.card{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:.6rem 0}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 2rem}
blockquote{margin:.2rem 0 .4rem;padding:.1rem 0 .1rem .8rem;border-left:3px solid #b6cff5}
.cands{list-style:none;padding:0;margin:0}.cands li{border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem;margin:.5rem 0}
.cands form{margin-top:.3rem}
.turns{list-style:none;padding:0;margin:0}.turns li{padding:.45rem 0;border-top:1px solid var(--line)}
.turns .who{font-weight:600;font-size:.85rem;color:var(--muted);display:block}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem;margin:.8rem 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right;white-space:nowrap}td.when{white-space:nowrap}
.filters{display:flex;gap:.3rem;flex-wrap:wrap}.filters a{padding:.2rem .7rem;border:1px solid var(--line);border-radius:1em;text-decoration:none;color:var(--fg)}
.filters a[aria-current=page]{background:var(--fg);border-color:var(--fg);color:#fff}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.8rem}
.kpi .big{font-size:1.6rem;font-weight:700;margin:.1rem 0}
.chart{width:100%;max-width:44rem;height:auto;display:block}
.chart .answered,.swatch.answered{fill:var(--accent);background:var(--accent)}.chart .choices,.swatch.choices{fill:#bf8700;background:#bf8700}
.chart .escalated,.swatch.escalated{fill:var(--bad);background:var(--bad)}.chart .none,.swatch.none{fill:#d0d7de;background:#d0d7de}
.chart .grid{stroke:#d8dee4}.chart text{font-size:11px;fill:#57606a}
.legend{list-style:none;padding:0;margin:.4rem 0 .2rem;display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;color:var(--fg)}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-1px}
.chart-table{margin:.4rem 0 0}.chart-table table{max-width:36rem;font-size:.875rem}.chart-table th,.chart-table td{padding:.2rem .6rem}
table.picks{max-width:36rem}table.picks th[scope=row]{font-weight:400;text-transform:none;letter-spacing:0;font-size:inherit;color:var(--fg);background:none}
.badge.choices{background:#fff1cc;color:#7d4e00}
.offered ol.choices{margin:.2rem 0;padding-left:1.3rem}.offered li{margin:.15rem 0;overflow-wrap:anywhere}.offered li.picked::marker{font-weight:700}
.offered details.quote{margin:0}.offered summary{color:var(--fg)}
.offered details blockquote{margin:.2rem 0}.offered .pick{margin:.2rem 0 0}.sources::before{content:"— ";color:var(--muted)}
.pick-of{display:block;overflow-wrap:anywhere}
.question,.turns li,.taught li{overflow-wrap:anywhere}
.wordings{max-height:22rem;overflow:auto;margin:0 0 .6rem;padding:.4rem .6rem .4rem 2rem;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.wordings li{margin:.25rem 0;overflow-wrap:anywhere}.wordings del{color:var(--bad);text-decoration-thickness:2px}
.taught{list-style:none;padding:0;margin:0}.effect h3{font-size:.95rem;margin:1rem 0 .3rem}.reteach{margin:1.2rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.row.grow{flex:1 1 18rem}.row.grow input{flex:1;width:auto;min-width:0}
.answers{list-style:none;padding:0;margin:0}.answers .card h2{margin:0 0 .2rem}.answers details{margin:.4rem 0 .8rem}.alts{margin:.2rem 0 .6rem}
details>summary{cursor:pointer;color:var(--accent)}
.sentences{list-style:none;padding:0;margin:0}.sentences blockquote,.sentences .source,.sentences details{overflow-wrap:anywhere}
.suggs{list-style:none;margin:.4rem 0 0;padding:0}.sugg{border-top:1px solid var(--line);padding:.5rem 0 .3rem}.sugg p{margin:.2rem 0}
.asked{list-style:none;margin:.1rem 0 .3rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .4rem}
.asked li{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.05rem .45rem;overflow-wrap:anywhere;min-width:0;max-width:100%}
.against{color:var(--bad)}.decided.learned{border-left:3px solid #6639ba;padding-left:.5rem}
.badge.learned{background:#fbefff;color:#6639ba}.badge.accepted{background:var(--ok-soft);color:var(--ok)}.badge.rejected{background:var(--bad-soft);color:var(--bad)}
.login{max-width:26rem;margin:4rem auto}.login input{width:100%}
@media (max-width:700px){
 .tabs ul{gap:0;padding:0 .5rem}.tabs a{padding:.5rem .5rem;font-size:.92rem}.tabs li:first-child a{margin-left:0}
 .cols{grid-template-columns:1fr}
 .search{max-width:none}
 table.log thead{display:none}table.log,table.log tbody,table.log tr,table.log td{display:block;width:100%}
 table.log tr{border:1px solid var(--line);border-radius:8px;margin:.5rem 0;padding:.3rem .2rem}
 table.log td{border:0;padding:.15rem .6rem}table.log td.num{text-align:left}
 table.log td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}
}
`;
