// An interpreter loop: a small stack-machine bytecode (a switch over opcodes, as most
// interpreters are written) running a program that counts primes by trial division.
enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, HALT, INC, DUP, POP };

static int program[128];

static int run(int limit) {
    int stack[64], reg[4] = {0, 0, 0, limit};
    int sp = 0, pc = 0;
    for (;;) {
        int op = program[pc++];
        switch (op) {
        case PUSH: stack[sp++] = program[pc++]; break;
        case LOAD: stack[sp++] = reg[program[pc++]]; break;
        case STORE: reg[program[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: { int t = program[pc++]; if (!stack[--sp]) pc = t; break; }
        case JMP: pc = program[pc]; break;
        case INC: reg[program[pc++]]++; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case HALT: return reg[0];
        default: return -1;
        }
    }
}

// Assembles the prime-counting program into `program`.
static void assemble(void) {
    int p = 0;
#define E(x) program[p++] = (x)
    E(PUSH); E(0); E(STORE); E(0);          // count = 0
    E(PUSH); E(2); E(STORE); E(1);          // n = 2
    int outer = p;
    E(LOAD); E(1); E(LOAD); E(3); E(LT); E(JZ); int exitFix = p; E(0);
    E(PUSH); E(2); E(STORE); E(2);          // d = 2
    int inner = p;
    E(LOAD); E(1); E(LOAD); E(2); E(LOAD); E(2); E(MUL); E(LT); // n < d*d ?
    E(JZ); int testFix = p; E(0);           // no: test divisor
    E(INC); E(0); E(JMP); int nextFix1 = p; E(0); // prime: count++, next n
    program[testFix] = p;
    E(LOAD); E(1); E(LOAD); E(2); E(MOD);   // n % d
    E(JZ); int nextFix2 = p; E(0);          // divisible: next n
    E(INC); E(2); E(JMP); E(inner);         // d++
    program[nextFix1] = p;
    program[nextFix2] = p;
    E(INC); E(1); E(JMP); E(outer);         // n++
    program[exitFix] = p;
    E(HALT);
#undef E
}

int vm(int limit) {
    assemble();
    return run(limit);
}
