// The contract on the in-memory adapter (used by engine tests and as the fallback).
import { createMemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', () => createMemoryStore());
