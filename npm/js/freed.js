// The package's classes, used after `free()` (or the end of their `using` block), say so,
// where wasm-bindgen's own check says "null pointer passed to rust"; a second `free()` does
// nothing, as closing twice does; a method called on another kind of object is refused. Imported by both entries, before they export the API.
import * as api from "./online_mlp.js";

for (const kind of Object.values(api)) {
  const proto = kind?.prototype;
  if (typeof proto?.__destroy_into_raw !== "function") continue;
  const freed = () => new Error(`this ${kind.name} was freed (free(), or the end of its \`using\` block): it can no longer be used`);
  // A method called on another kind of object (`MLPClassifier.prototype.predict.call(scaler)`)
  // would read that object's memory as this kind's: refused, as a class's own methods are.
  const usable = (self, name) => {
    if (!(self instanceof kind)) throw new TypeError(`${kind.name}.${name} was called on ${self?.constructor?.name ?? String(self)}: it works on ${kind.name} objects only`);
    if (self.__wbg_ptr === 0) throw freed();
  };
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === "constructor" || name.startsWith("__")) continue;
    const { value, get } = Object.getOwnPropertyDescriptor(proto, name);
    if (name === "free") {
      proto.free = function free() {
        if (!(this instanceof kind)) usable(this, name);
        if (this.__wbg_ptr !== 0) value.call(this);
      };
    } else if (typeof value === "function") {
      // Two parameters, the most a method takes (a rest parameter would cost learnOne more).
      proto[name] = {
        [name](a, b) {
          usable(this, name);
          return value.call(this, a, b);
        },
      }[name];
      // `toModelFile(scaler, options)`, the one method given one of the package's objects: a
      // freed scaler said so too.
      if (name === "toModelFile") {
        const method = proto[name];
        proto[name] = function toModelFile(scaler, options) {
          if (scaler?.__wbg_ptr === 0) throw new Error("the StandardScaler given to toModelFile was freed: it can no longer be used");
          return method.call(this, scaler, options);
        };
      }
    } else if (get) {
      Object.defineProperty(proto, name, {
        get() {
          usable(this, name);
          return get.call(this);
        },
        configurable: true,
      });
    }
  }
  if (Symbol.dispose && proto[Symbol.dispose]) proto[Symbol.dispose] = proto.free;
}
