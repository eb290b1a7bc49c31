// The few XML documents OSS answers with, written by hand: text escaped, elements in the documented order.

export type XmlNode = [name: string, content: string | number | boolean | XmlNode[]];

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(node: XmlNode): string {
  const [name, content] = node;
  const inner = Array.isArray(content) ? content.map(render).join('') : xmlEscape(String(content));
  return `<${name}>${inner}</${name}>`;
}

/** A whole document: the declaration, then the root element. */
export function xmlDocument(root: XmlNode): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`, 'utf8');
}
