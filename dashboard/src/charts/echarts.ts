import { BarChart, MapChart } from 'echarts/charts';
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// only what the wall draws, so the chunk carries only that; colours and text styles are in ./theme.ts
use([
  CanvasRenderer,
  BarChart,
  MapChart,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
]);

// the chart code the wall draws with, loaded after its first queries are sent (`WallChart.vue`)
export { default } from 'vue-echarts';
/** From here, not from echarts/core: it does nothing until `use` above has installed the map chart. */
export { registerMap };
