/**
 * Charts as files: the recharts SVG serialised with its title and legend drawn in (recharts draws
 * its legend in HTML), as SVG, or as PNG through a canvas at twice the size.
 */
const NS = 'http://www.w3.org/2000/svg';
const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A standalone SVG document of the chart in `container`, or null when it has none. */
export function chartSvg(container: HTMLElement, title: string, legend: readonly LegendItem[]): { text: string; width: number; height: number } | null {
  const svg = container.querySelector('svg.recharts-surface') as SVGSVGElement | null;
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const chartH = Math.round(box.height);
  const top = 36;
  const legendH = legend.length ? 28 : 0;
  const height = top + chartH + legendH + 8;
  const root = el('svg', { xmlns: NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': 12 });
  root.appendChild(el('style', {}, `text { font-family: ${FONT}; }`));
  root.appendChild(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  root.appendChild(el('text', { x: 12, y: 22, 'font-size': 14, 'font-weight': 600, fill: '#1f2430' }, title));
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(top));
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(chartH));
  chart.removeAttribute('style');
  root.appendChild(chart);
  let x = 12;
  const y = top + chartH + 18;
  for (const item of legend) {
    root.appendChild(el('rect', { x, y: y - 9, width: 10, height: 10, rx: 2, fill: item.color }));
    const label = el('text', { x: x + 14, y, fill: '#4b5563' }, item.label);
    root.appendChild(label);
    x += 14 + item.label.length * 12 + 18;
  }
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/** A PNG of an SVG document, drawn at `scale`. */
export function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = svg.width * scale;
      canvas.height = svg.height * scale;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, svg.width, svg.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be drawn'))), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the chart could not be drawn'));
    };
    img.src = url;
  });
}
