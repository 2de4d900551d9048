// Command gostd-oracle answers questions about Go standard library functions that Tideline
// reimplements, for its property tests: time.ParseDuration and Duration.String,
// path/filepath.Match, encoding/json's Marshal, strconv.ParseFloat, and the decoding of receiver
// webhook payloads into notification-controller's payload types. It reads one JSON request per line on stdin
// and writes one JSON answer per line on stdout, in order.
//
//	{"op":"duration","input":"1h30m"}  -> {"valid":true,"ns":"5400000000000","text":"1h30m0s"}
//	{"op":"duration","input":"1"}      -> {"valid":false,"error":"time: missing unit in duration \"1\""}
//	{"op":"format","ns":"1500000"}     -> {"valid":true,"text":"1.5ms"}
//	{"op":"match","pattern":"*.y?ml","name":"a.yaml"} -> {"valid":true,"matched":true}
//	{"op":"match","pattern":"[","name":"a"}           -> {"valid":false,"error":"syntax error in pattern"}
//	{"op":"json","value":{"b":"<x>","a":1}}           -> {"valid":true,"text":"{\"a\":1,\"b\":\"\\u003cx\\u003e\"}"}
//	{"op":"parsefloat","input":"0x1p-2"}              -> {"valid":true,"text":"0.25"}
//	{"op":"receiver","name":"quay","body":"e30="}      -> {"valid":true}
//
// Standard library only; build in GOPATH mode with Debian's golang-go:
//
//	GO111MODULE=off go build -o gostd-oracle .
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

type request struct {
	Op      string          `json:"op"`
	Input   string          `json:"input"`
	Ns      string          `json:"ns"`
	Pattern string          `json:"pattern"`
	Name    string          `json:"name"`
	Value   json.RawMessage `json:"value"`
	Body    []byte          `json:"body"`
}

type answer struct {
	Valid   bool   `json:"valid"`
	Error   string `json:"error,omitempty"`
	Ns      string `json:"ns,omitempty"`
	Text    string `json:"text,omitempty"`
	Matched *bool  `json:"matched,omitempty"`
}

func duration(r request) answer {
	d, err := time.ParseDuration(r.Input)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Ns: strconv.FormatInt(int64(d), 10), Text: d.String()}
}

func format(r request) answer {
	ns, err := strconv.ParseInt(r.Ns, 10, 64)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Text: time.Duration(ns).String()}
}

func match(r request) answer {
	matched, err := filepath.Match(r.Pattern, r.Name)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Matched: &matched}
}

// marshal decodes the value generically (numbers kept as written) and marshals it again, as
// Flux marshals its event payloads: HTML characters escaped, map keys sorted.
func marshal(r request) answer {
	dec := json.NewDecoder(bytes.NewReader(r.Value))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return answer{Error: err.Error()}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Text: string(out)}
}

// parseFloat answers as the numerical ImagePolicy reads a tag: strconv.ParseFloat(s, 64), with
// the value printed shortest ('g', -1) so that JavaScript can compare it exactly.
func parseFloat(r request) answer {
	f, err := strconv.ParseFloat(r.Input, 64)
	if err != nil {
		return answer{Error: err.Error()}
	}
	if math.IsNaN(f) {
		return answer{Valid: true, Text: "NaN"}
	}
	return answer{Valid: true, Text: strconv.FormatFloat(f, 'g', -1, 64)}
}

// receiver decodes a webhook body as notification-controller's receiver handlers do, into the
// same payload types (internal/server/receiver_handlers.go): json.Decoder.Decode for quay,
// dockerhub, acr and the outer gcr message (the first value only), json.Unmarshal for nexus and
// the gcr data, which is base64 decoded with its error ignored.
func receiver(r request) answer {
	decode := func(v interface{}) error { return json.NewDecoder(bytes.NewReader(r.Body)).Decode(v) }
	var err error
	switch r.Name {
	case "quay":
		var p struct {
			DockerUrl   string   `json:"docker_url"`
			UpdatedTags []string `json:"updated_tags"`
		}
		err = decode(&p)
	case "dockerhub":
		var p struct {
			PushData struct {
				Tag string `json:"tag"`
			} `json:"push_data"`
			Repository struct {
				URL string `json:"repo_url"`
			} `json:"repository"`
		}
		err = decode(&p)
	case "acr":
		var p struct {
			Action string `json:"action"`
			Target struct {
				Repository string `json:"repository"`
				Tag        string `json:"tag"`
			} `json:"target"`
		}
		err = decode(&p)
	case "nexus":
		var p struct {
			Action         string `json:"action"`
			RepositoryName string `json:"repositoryName"`
		}
		err = json.Unmarshal(r.Body, &p)
	case "gcr":
		var p struct {
			Message struct {
				Data         string    `json:"data"`
				MessageID    string    `json:"messageId"`
				PublishTime  time.Time `json:"publishTime"`
				Subscription string    `json:"subscription"`
			} `json:"message"`
		}
		if err = decode(&p); err != nil {
			return answer{Error: "payload: " + err.Error()}
		}
		raw, _ := base64.StdEncoding.DecodeString(p.Message.Data)
		var d struct {
			Action string `json:"action"`
			Digest string `json:"digest"`
			Tag    string `json:"tag"`
		}
		if err = json.Unmarshal(raw, &d); err != nil {
			return answer{Error: "body: " + err.Error()}
		}
	default:
		return answer{Error: "unknown receiver " + r.Name}
	}
	if err != nil {
		return answer{Error: "payload: " + err.Error()}
	}
	return answer{Valid: true}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		var a answer
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			a = answer{Error: "bad request: " + err.Error()}
		} else {
			switch r.Op {
			case "duration":
				a = duration(r)
			case "format":
				a = format(r)
			case "match":
				a = match(r)
			case "json":
				a = marshal(r)
			case "parsefloat":
				a = parseFloat(r)
			case "receiver":
				a = receiver(r)
			default:
				a = answer{Error: "unknown op " + r.Op}
			}
		}
		if err := enc.Encode(a); err != nil {
			os.Exit(1)
		}
		// Answer each line at once: a property waits for it before asking the next.
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Exit(1)
	}
}
