import { type InjectionKey, type Ref, ref } from 'vue';

/** How much the 1920×1080 stage is scaled to fit the screen; canvases render at this density. */
export const stageScaleKey: InjectionKey<Readonly<Ref<number>>> = Symbol('stageScale');
export const defaultStageScale: Readonly<Ref<number>> = ref(1);
