import { canonicalEmail, firstName, nameProblem } from './signer-rules';

describe('canonicalEmail', () => {
  it.each([
    ['Morag.Brown@Example.org', 'morag.brown@example.org'],
    ['morag.brown+petition@gmail.com', 'moragbrown@gmail.com'],
    ['M.O.R.A.G@googlemail.com', 'morag@gmail.com'],
    ['ali+news@outlook.com', 'ali@outlook.com'],
    ['ali+news@example.org', 'ali+news@example.org'],
    ['first.last@example.org', 'first.last@example.org'],
  ])('%p → %p', (input, expected) => {
    expect(canonicalEmail(input)).toBe(expected);
  });
});

describe('nameProblem', () => {
  it.each(['=HYPERLINK("x")', '+44', '-1', '@me', 'Visit http://spam.example', 'buy at cheap-pills.com'])(
    'refuses %p',
    (name) => {
      expect(nameProblem(name)).not.toBeNull();
    },
  );

  it.each(['Morag Brown', "Siobhan O'Neill", 'Jean-Luc Picard', 'Dr. A. Smith'])('accepts %p', (name) => {
    expect(nameProblem(name)).toBeNull();
  });

  it('shows only the first name', () => {
    expect(firstName('  Morag  Brown ')).toBe('Morag');
  });
});
