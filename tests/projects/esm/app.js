import { version } from './utils/config';
App({ globalData: { version } });
