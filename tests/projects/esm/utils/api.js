import config, { greet as hello } from './config.js';
import * as all from './config';

export class Api {
  constructor() { this.retries = config.retries; }
  describe() { return hello('api') + ' ' + all.channel; }
}
export { hello };
