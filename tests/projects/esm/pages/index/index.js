import { Api } from '../../utils/api';
import * as config from '/utils/config';
const api = new Api();

Page({
  data: { text: api.describe(), retries: api.retries, version: config.version },
  fail() {
    return missing.value;
  },
});
