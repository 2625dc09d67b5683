// One core's memory bandwidth, alone and with both cores streaming: non-temporal 512-bit stores
// over 256 MB (as PathKernel.StreamRow writes the path buffers), then 512-bit loads of it (as the
// reduction's census reads them), four times each (docs/performance.md, ninth session).
//   gcc -O2 -mavx512f -pthread bandwidth.c -o bandwidth && ./bandwidth
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define BYTES (256L<<20)
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
typedef struct { double* buf; double w, r; double sink; } job;
static void* run(void* a){
  job* j=a; double* b=j->buf; long n=BYTES/8;
  double t0=now();
  for(int rep=0;rep<4;rep++){ __m512d v=_mm512_set1_pd(rep); for(long i=0;i<n;i+=8) _mm512_stream_pd(b+i,v); _mm_sfence(); }
  double t1=now();
  __m512d s0=_mm512_setzero_pd(),s1=s0;
  for(int rep=0;rep<4;rep++){ for(long i=0;i<n;i+=16){ s0=_mm512_add_pd(s0,_mm512_load_pd(b+i)); s1=_mm512_add_pd(s1,_mm512_load_pd(b+i+8)); } }
  double t2=now();
  double r[8]; _mm512_storeu_pd(r,_mm512_add_pd(s0,s1)); j->sink=r[0];
  j->w=4.0*BYTES/(t1-t0)/1e9; j->r=4.0*BYTES/(t2-t1)/1e9; return 0;
}
int main(){
  job j[2]; for(int i=0;i<2;i++){ j[i].buf=aligned_alloc(64,BYTES); memset(j[i].buf,1,BYTES);} 
  run(&j[0]); printf("1 thread: write %.1f GB/s, read %.1f GB/s\n", j[0].w, j[0].r);
  pthread_t th[2]; for(int i=0;i<2;i++) pthread_create(&th[i],0,run,&j[i]); for(int i=0;i<2;i++) pthread_join(th[i],0);
  printf("2 threads: write %.1f + %.1f GB/s, read %.1f + %.1f GB/s\n", j[0].w, j[1].w, j[0].r, j[1].r);
  return 0;
}
