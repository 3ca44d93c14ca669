/**
 * A small fixed English text the test vocabulary's BPE merges are trained on, so common words
 * tokenize to a few tokens. Changing it changes every generated model's bytes.
 */
export const ENGLISH_CORPUS = `
The quick brown fox jumps over the lazy dog. You are a helpful assistant. The user asks a
question and the assistant answers it in a clear and friendly way. What is the weather like
today? It is sunny and warm, with a light wind from the west. Tell me a story about a ship that
sails across the sea to find a new island. Once upon a time there was a small ship with a brave
captain and a crew of seven. They sailed for many days and nights until they saw the island.
Please write a function that returns the sum of two numbers. Here is the code you asked for.
The function takes two arguments and returns their sum. Let me know if you have any other
questions. I would be happy to help you with that. Thank you for your message. Hello, how are
you? I am fine, thank you. What can I do for you today? Can you explain how this works? Sure,
here is a short explanation. The model reads the text, splits it into tokens, and predicts the
next token one at a time. When it is done, it stops and waits for the next message from the user.
The system prompt sets the tone of the conversation. The user message comes next, and then the
assistant writes its reply. Tools can be called with a name and arguments in a JSON object.
The tool response is sent back to the model, which then continues the answer for the user.
This is a test of the tokenizer and the model. It should load quickly and generate text in a
few milliseconds. The weights are random, so the text will not make sense, but that is fine for
tests. We want the same seed to give the same file every time, and a different seed to give a
different file. Please summarize the following article in three sentences. The article is about
the history of the city, its people, their work, and the river that runs through the middle of
the old town. In the morning the market opens and the streets fill with people who come to buy
bread, fruit, fish and flowers. In the evening the lights come on and music plays in the square.
Write a poem about the moon and the stars. Translate this sentence into French. What time is it
in London? How many days are there in a year? There are three hundred and sixty five days in a
year, and one more day in a leap year. Which is the largest planet in our solar system? Jupiter
is the largest planet, and it has many moons. Water boils at one hundred degrees at sea level.
The answer is yes. The answer is no. I do not know the answer, but I can try to find out.
Summary: the character is kind, curious and brave. She likes to read books and to walk in the
forest with her friends. Name: Hermes. Description: a messenger who is fast and clever.
{"name": "get_weather", "arguments": {"location": "Paris", "unit": "celsius"}}
{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
1 2 3 4 5 6 7 8 9 10 100 1000 2024 3.14 0.5 42
`;
