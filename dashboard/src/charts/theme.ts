// the wall's chart colours and text styles: plain values, so a panel can build its chart option
// before the chart code (ECharts, in its own chunk: `./echarts.ts`) has arrived

export const palette = {
  red: '#d4182f',
  redDeep: '#8e0c1d',
  gold: '#ffc94d',
  goldSoft: '#e9c98c',
  text: '#f3dfb5',
  line: 'rgba(255, 201, 77, 0.22)',
  series: ['#ffc94d', '#d4182f', '#ff8a3d', '#f3dfb5', '#b5121b', '#ffe08a', '#c9772b'],
};

/** Text styles every chart shares: large enough to read across a room. */
export const axisText = { color: palette.text, fontSize: 18 };

/** Tooltips in the wall's colours rather than ECharts' white box. */
export const tooltipStyle = {
  backgroundColor: 'rgba(26, 5, 8, 0.92)',
  borderColor: palette.gold,
  textStyle: { color: palette.text, fontSize: 20 },
};
