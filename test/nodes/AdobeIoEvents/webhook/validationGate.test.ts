/**
 * The validation gate: which trigger may follow an async validation URL, how many, until when.
 */
import {
	MAX_VALIDATION_URLS,
	VALIDATION_WINDOW_MS,
	ValidationGate,
} from '../../../../nodes/AdobeIoEvents/webhook/validationGate';

describe('ValidationGate', () => {
	it('follows each distinct URL once, up to 16 per opening; a new opening starts over', () => {
		const gate = new ValidationGate();
		expect(gate.begin('s', 'https://csm.adobe.io/a')).toBe('not-expected');
		gate.expect('s');
		expect(gate.begin('s', 'https://csm.adobe.io/a')).toBe('follow');
		expect(gate.begin('s', 'https://csm.adobe.io/a')).toBe('repeat');
		for (let i = 1; i < MAX_VALIDATION_URLS; i++)
			expect(gate.begin('s', `https://csm.adobe.io/${i}`)).toBe('follow');
		expect(gate.begin('s', 'https://csm.adobe.io/one-more')).toBe('full');
		// another scope is not affected
		expect(gate.begin('other', 'https://csm.adobe.io/a')).toBe('not-expected');
		gate.expect('s');
		expect(gate.begin('s', 'https://csm.adobe.io/a')).toBe('follow');
	});

	it('only the lifecycle closes it (close) — or its window of 6 minutes runs out', () => {
		let t = 0;
		const gate = new ValidationGate({ now: () => t });
		gate.expect('s');
		gate.begin('s', 'https://csm.adobe.io/a');
		expect(gate.isOpen('s')).toBe(true);
		t += VALIDATION_WINDOW_MS - 1;
		expect(gate.isOpen('s')).toBe(true);
		t += 1;
		expect(gate.isOpen('s')).toBe(false);
		gate.expect('s');
		gate.close('s');
		expect(gate.begin('s', 'https://csm.adobe.io/b')).toBe('not-expected');
	});
});
