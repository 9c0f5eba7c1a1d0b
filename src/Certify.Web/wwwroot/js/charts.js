// Draws every <canvas data-chart> with Chart.js (wwwroot/lib/chartjs, loaded the first time a page has a chart: its
// address is this script's data-chartjs attribute). The spec comes from ChartData.ToJson():
// { kind, labels, longLabels (for tooltips, may be null), series: [{ name, values }], unit }. A MutationObserver picks up canvases that enhanced navigation
// or an interactive render adds later; a canvas whose spec changed is redrawn.
(() => {
    const chartjs = document.currentScript.dataset.chartjs;
    let loading = false;
    const palette = ['#0d6efd', '#198754', '#fd7e14', '#6f42c1', '#dc3545', '#20c997', '#6c757d', '#ffc107'];
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    function config(spec) {
        const locale = document.documentElement.lang || 'es-MX';
        const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
        const format = value => value === null || value === undefined ? '—' : number.format(value) + spec.unit;
        const doughnut = spec.kind === 'Doughnut';
        const horizontal = spec.kind === 'HorizontalBar';
        const stacked = spec.kind === 'StackedBar';
        const type = doughnut ? 'doughnut' : spec.kind === 'Line' ? 'line' : 'bar';
        const datasets = spec.series.map((series, i) => ({
            label: series.name,
            data: series.values,
            backgroundColor: doughnut ? spec.labels.map((_, j) => palette[j % palette.length]) : palette[i % palette.length],
            borderColor: type === 'line' ? palette[i % palette.length] : undefined,
            tension: 0.2,
            maxBarThickness: 56,
        }));
        const valueAxis = {
            beginAtZero: true,
            stacked,
            max: spec.unit === '%' ? 100 : undefined,
            ticks: { callback: value => format(value), precision: spec.unit === '%' ? undefined : 0 },
        };
        return {
            type,
            data: { labels: spec.labels, datasets },
            options: {
                locale,
                maintainAspectRatio: false,
                animation: reduceMotion ? false : { duration: 400 },
                indexAxis: horizontal ? 'y' : 'x',
                plugins: {
                    legend: { display: doughnut || spec.series.length > 1, position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            title: items => items.length ? (spec.longLabels ?? spec.labels)[items[0].dataIndex] : '',
                            label: c => `${c.dataset.label}: ${format(c.raw)}`,
                        },
                    },
                },
                scales: doughnut ? {} : {
                    [horizontal ? 'x' : 'y']: valueAxis,
                    [horizontal ? 'y' : 'x']: {
                        stacked,
                        ticks: {
                            autoSkip: false,
                            // Long labels are cut to fit narrow screens; the tooltip and the table keep them whole.
                            callback(value) {
                                const label = String(this.getLabelForValue(value));
                                const max = this.chart.width < 500 ? 14 : 36;
                                return label.length > max ? label.slice(0, max - 1) + '…' : label;
                            },
                        },
                    },
                },
            },
        };
    }

    function render() {
        const canvases = document.querySelectorAll('canvas[data-chart]');
        if (canvases.length === 0) {
            return;
        }

        if (!window.Chart) {
            if (!loading) {
                loading = true;
                const script = document.createElement('script');
                script.src = chartjs;
                script.onload = render;
                document.head.appendChild(script);
            }

            return;
        }

        canvases.forEach(canvas => {
            if (canvas.dataset.drawn === canvas.dataset.chart) {
                return;
            }

            window.Chart.getChart(canvas)?.destroy();
            canvas.dataset.drawn = canvas.dataset.chart;
            new window.Chart(canvas, config(JSON.parse(canvas.dataset.chart)));
        });
    }

    let pending = false;
    new MutationObserver(() => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(() => {
                pending = false;
                render();
            });
        }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-chart'] });

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', render);
    } else {
        render();
    }
})();
