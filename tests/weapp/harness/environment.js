/**
 * jsdom for WeChat's component framework, plus the Node timers the in-process functions use
 * (the SQLite adapter groups commits with setImmediate; the cloud database double clones with
 * structuredClone), which jsdom leaves out.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class WeappEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.setImmediate = setImmediate;
    this.global.clearImmediate = clearImmediate;
    this.global.structuredClone = structuredClone;
  }
}

module.exports = WeappEnvironment;
