// The adapter registers itself with Chart.js on import and ships no type declarations.
declare module 'chartjs-adapter-luxon';
