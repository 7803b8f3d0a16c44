import {
	dueMark,
	MAX_MARKS,
	marksAfter,
	readBackupState,
	recordMark,
	toStoredBackup,
	type Mark,
} from '../../../../nodes/AdobeIoEvents/journal/backup';

const MIN = 60_000;

describe('journal backup: marks (what has been in the journal for the Delay)', () => {
	it('a mark is due once it is at least Delay old; the newest due one is taken', () => {
		let marks: Mark[] = [];
		marks = recordMark(marks, 'p1', 0, 5 * MIN);
		marks = recordMark(marks, 'p2', 1 * MIN, 5 * MIN);
		marks = recordMark(marks, 'p3', 2 * MIN, 5 * MIN);
		expect(dueMark(marks, 4 * MIN, 5 * MIN)).toBeUndefined();
		expect(dueMark(marks, 5 * MIN, 5 * MIN)).toEqual({ mark: ['p1', 0], index: 0 });
		expect(dueMark(marks, 6 * MIN + 1, 5 * MIN)).toEqual({ mark: ['p2', MIN], index: 1 });
		expect(dueMark(marks, 60 * MIN, 0)).toEqual({ mark: ['p3', 2 * MIN], index: 2 });
	});

	it('the same position twice is one mark; marks closer than Delay/MAX_MARKS replace the newest', () => {
		let marks = recordMark([], 'p1', 0, 60 * MIN);
		marks = recordMark(marks, 'p1', 10, 60 * MIN);
		expect(marks).toEqual([['p1', 0]]);
		marks = recordMark(marks, 'p2', 1_000, 60 * MIN);
		marks = recordMark(marks, 'p3', 2_000, 60 * MIN); // within 1 min of p2: replaces it
		expect(marks).toEqual([
			['p1', 0],
			['p3', 2_000],
		]);
	});

	it('is bounded: beyond MAX_MARKS the second-oldest goes (the next due one stays)', () => {
		let marks: Mark[] = [];
		for (let i = 0; i < MAX_MARKS + 30; i++) marks = recordMark(marks, `p${i}`, i * MIN, 0);
		expect(marks).toHaveLength(MAX_MARKS);
		expect(marks[0]).toEqual(['p0', 0]);
		expect(marks[marks.length - 1][0]).toBe(`p${MAX_MARKS + 29}`);
		// still ordered
		expect(marks.map((m) => m[1])).toEqual([...marks.map((m) => m[1])].sort((a, b) => a - b));
	});

	it('after a hand-over: reached → the later marks stay; end of journal → none; anything else → all', () => {
		const marks: Mark[] = [
			['a', 1],
			['b', 2],
			['c', 3],
		];
		expect(marksAfter(marks, 1, 'reached')).toEqual([['c', 3]]);
		expect(marksAfter(marks, 1, 'caught-up')).toEqual([]);
		expect(marksAfter(marks, 1, 'max-events')).toEqual(marks);
		expect(marksAfter(marks, 1, 'error')).toEqual(marks);
	});

	it('state survives JSON; another journal or a malformed state starts fresh', () => {
		const state = {
			journalUrl: 'J',
			scan: 'J?since=1',
			scanNotBefore: 7,
			marks: [['a', 1]] as Mark[],
		};
		const stored = JSON.parse(JSON.stringify(toStoredBackup(state))) as unknown;
		expect(readBackupState(stored, 'J')).toEqual(state);
		expect(readBackupState(stored, 'K')).toEqual({ journalUrl: 'K', marks: [] });
		expect(readBackupState({ v: 1, journalUrl: 'J', marks: [['a'], 'x', ['b', 2]] }, 'J')).toEqual({
			journalUrl: 'J',
			marks: [['b', 2]],
		});
		expect(readBackupState({ v: 9, journalUrl: 'J' }, 'J')).toEqual({ journalUrl: 'J', marks: [] });
	});
});
