export const version = '1.2.0', channel = 'baidu';
export function greet(name) {
  return `hello ${name}`;
}
export default { retries: 3 };
