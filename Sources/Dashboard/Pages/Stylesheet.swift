/// The dashboard's one stylesheet, served from `/static/dashboard.css` (the Content-Security-Policy
/// allows no inline styles). Charts draw text and axes in `currentColor`, so the page's text colour,
/// light or dark, is theirs too.
enum Stylesheet {
    static let css = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --card: #f6f8fa; --line: #d1d9e0;
          --link: #0969da; font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #161b22; --line: #3d444d; --link: #4493f8; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.45; }
        a { color: var(--link); }
        header.site { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: baseline; padding: .8rem 1.5rem;
          border-bottom: 1px solid var(--line); }
        header.site .brand { font-weight: bold; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
        header.site nav { display: flex; gap: 1.2rem; }
        header.site nav a[aria-current] { font-weight: bold; color: var(--fg); }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 2rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .lead { color: var(--muted); }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 1rem; }
        figure.chart-card { margin: 0; padding: .75rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
        figure.chart-card.wide { grid-column: 1 / -1; }
        figure.chart-card svg { display: block; width: 100%; height: auto; color: var(--fg); }
        figcaption { color: var(--muted); font-size: .85rem; margin-top: .4rem; }
        table { border-collapse: collapse; width: 100%; font-size: .92rem; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.numbers td { text-align: right; font-variant-numeric: tabular-nums; }
        table.numbers { width: auto; min-width: 50%; }
        .heatmap-table { overflow-x: auto; display: block; }
        .sort a { margin-right: .6rem; }
        .sort a[aria-current] { font-weight: bold; color: var(--fg); }
        form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; margin: .5rem 0 1rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
          border-radius: 6px; padding: .3rem .5rem; }
        button { cursor: pointer; background: var(--card); }
        .pager { display: flex; gap: 1.5rem; margin-top: 1rem; }
        footer.site { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: .85rem;
          border-top: 1px solid var(--line); }
        """
}
