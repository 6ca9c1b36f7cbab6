// Progressive enhancement only: every page works without this script.
import { enhanceEditors } from './editor.js';

function enhanceReadAloud(button: HTMLButtonElement): void {
  if (!('speechSynthesis' in window)) return;
  button.hidden = false;
  let speaking = false;
  button.addEventListener('click', () => {
    if (speaking) {
      window.speechSynthesis.cancel();
      speaking = false;
      button.textContent = '朗读本页';
      return;
    }
    const main = document.getElementById('main');
    const utterance = new SpeechSynthesisUtterance(main?.innerText ?? '');
    utterance.lang = 'zh-CN';
    utterance.onend = () => {
      speaking = false;
      button.textContent = '朗读本页';
    };
    speaking = true;
    button.textContent = '停止朗读';
    window.speechSynthesis.speak(utterance);
  });
}

function focusErrorSummary(): void {
  const summary = document.querySelector<HTMLElement>('.error-summary');
  summary?.focus();
}

document
  .querySelectorAll<HTMLButtonElement>('[data-module="read-aloud"]')
  .forEach(enhanceReadAloud);
enhanceEditors();
focusErrorSummary();
