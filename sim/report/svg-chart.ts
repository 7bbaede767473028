// A small hand-written SVG line chart: enough for "coverage over time" without a plotting library.

export interface Series { name: string, points: Array<[number, number]> }

export interface ChartOptions { title: string, xLabel: string, yLabel: string, series: Series[], yMin?: number, yMax?: number, xScale?: number }

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b']

export function lineChart (options: ChartOptions): string {
  const width = 720, height = 360, left = 64, right = 150, top = 36, bottom = 48
  const plotW = width - left - right, plotH = height - top - bottom
  const all = options.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
  const xMax = Math.max(1e-9, ...all.map(([x]) => x))
  const xMin = Math.min(xMax, ...all.map(([x]) => x))
  const yMin = options.yMin ?? Math.min(0, ...all.map(([, y]) => y))
  const yMax = options.yMax ?? Math.max(1e-9, ...all.map(([, y]) => y))
  const sx = (x: number): number => left + (xMax === xMin ? 0 : (x - xMin) / (xMax - xMin)) * plotW
  const sy = (y: number): number => top + plotH - (yMax === yMin ? 0 : (y - yMin) / (yMax - yMin)) * plotH
  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`)
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`)
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="bold">${escape(options.title)}</text>`)
  for (let i = 0; i <= 5; i++) {
    const y = yMin + (yMax - yMin) * i / 5
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}" stroke="#ddd"/>`)
    parts.push(`<text x="${left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end">${formatTick(y)}</text>`)
    const x = xMin + (xMax - xMin) * i / 5
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${formatTick(x)}</text>`)
  }
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`)
  parts.push(`<text x="${left + plotW / 2}" y="${height - 8}" text-anchor="middle">${escape(options.xLabel)}</text>`)
  parts.push(`<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(options.yLabel)}</text>`)
  options.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length]
    const points = series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    if (points.length > 0) {
      const d = points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`)
    }
    const ly = top + 14 + i * 18
    parts.push(`<line x1="${left + plotW + 12}" x2="${left + plotW + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>`)
    parts.push(`<text x="${left + plotW + 38}" y="${ly}">${escape(series.name)}</text>`)
  })
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}

function formatTick (value: number): string {
  if (Math.abs(value) >= 1000) return value.toFixed(0)
  if (Math.abs(value) >= 10) return value.toFixed(0)
  return value.toFixed(2).replace(/\.?0+$/, '') || '0'
}

function escape (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
