// asciichart ships no types; this is the part Cubbies uses.
declare module 'asciichart' {
  export interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    format?: (x: number, i: number) => string;
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const blue: string;
  export const green: string;
  export const red: string;
  export const yellow: string;
  export const magenta: string;
  export const cyan: string;
  export const lightgray: string;
  export const darkgray: string;
  export const white: string;
  export const reset: string;
  const asciichart: {
    plot: typeof plot;
    blue: string;
    green: string;
    red: string;
    yellow: string;
    magenta: string;
    cyan: string;
    lightgray: string;
    darkgray: string;
    white: string;
    reset: string;
  };
  export default asciichart;
}
