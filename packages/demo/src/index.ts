export { DEMO_FIRST_POST_DAY, type DemoPost, demoPosts } from './catalogue.js';
export { DEMO_USER_ID, type DemoReport, ensureDemoData } from './ensure-demo.js';
export { DEMO_OUTAGE_DAYS, demoPostHistory } from './history.js';
export { seededRandom } from './random.js';
